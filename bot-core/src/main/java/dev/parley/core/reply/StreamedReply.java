package dev.parley.core.reply;

import dev.parley.core.ratelimit.SendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One answer as a platform shows it while it streams: the state machine both chat adapters share.
 * The first words are posted as a message answering the user's, then edited as the reply grows;
 * past the platform's length the reply continues in further messages, cut by the
 * {@link ReplySplitter}. A withdrawal edits the first message into its notice and deletes the
 * others. Notices are messages of their own.
 *
 * <p>The reply keeps what the chat should show and what it shows; each queued send makes the one
 * platform call that brings the two closer (post, edit or delete), reading the latest text when it
 * runs. At most one such send waits at a time, so the pace is the {@link OutboundLine}'s: a slow
 * chat gets fewer, larger edits rather than a backlog. Calls run on the line's thread; the callers
 * of {@link #show}, {@link #withdraw} and {@link #tell} only record what should be shown.
 *
 * <p>A refusal (a deleted message, no permission) stops the reply: trying again cannot help. So do
 * more pauses in a row than the reply allows. {@link #delivered()} completes once the chat shows
 * everything the reply was given, or the reply gave up.
 */
public final class StreamedReply {

    private final ReplyMessages messages;
    private final ReplySplitter splitter;
    private final OutboundLine line;
    private final int maxPausesInARow;

    // guarded by this
    private String reply = "";
    private @Nullable String withdrawal;
    private final List<Shown> shown = new ArrayList<>();
    private boolean stepQueued;
    private int pausesInARow;
    private boolean gaveUp;
    private int noticesOut;
    private final DeliveryWaiters waiting = new DeliveryWaiters();

    /** A message of the reply as the chat shows it. */
    private record Shown(String id, String text) {}

    /** The one platform call that brings what the chat shows closer to what it should show. */
    private sealed interface Step {
        record Post(String text, boolean answersUser) implements Step {}

        record Edit(int index, String id, String text) implements Step {}

        record Delete(String id) implements Step {}
    }

    /**
     * @param maxPausesInARow how many pauses in a row ({@link SendResult.RetryAfter}) a step of the
     *     reply waits out before the reply is given up; {@link Integer#MAX_VALUE} waits forever
     */
    public StreamedReply(ReplyMessages messages, ReplySplitter splitter, OutboundLine line, int maxPausesInARow) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.splitter = Objects.requireNonNull(splitter, "splitter");
        this.line = Objects.requireNonNull(line, "line");
        if (maxPausesInARow < 0) {
            throw new IllegalArgumentException("maxPausesInARow must not be negative, was " + maxPausesInARow);
        }
        this.maxPausesInARow = maxPausesInARow;
    }

    /**
     * The reply as it should be shown now (the whole text so far, or the finished reply). It also
     * ends a withdrawal: an edited question answered anew shows its new answer in the same messages.
     */
    public void show(String text) {
        synchronized (this) {
            reply = text;
            withdrawal = null;
        }
        requestStep();
    }

    /** Replaces whatever is shown of the reply by {@code notice}; the reply no longer counts as shown. */
    public void withdraw(String notice) {
        synchronized (this) {
            withdrawal = notice;
        }
        requestStep();
    }

    /** Posts {@code notice} as messages of its own answering the user's, besides the reply. */
    public void tell(String notice) {
        for (String part : splitter.split(notice)) {
            synchronized (this) {
                noticesOut++;
            }
            line.enqueue(() -> noticeSent(attempt(() -> messages.notice(part))));
        }
    }

    /** Whether any of the reply is shown, or is to be shown. */
    public synchronized boolean hasReply() {
        return !shown.isEmpty() || !reply.isEmpty();
    }

    /** When everything given so far is out, or given up; see {@code ReplySink.delivered()}. */
    public CompletionStage<Void> delivered() {
        synchronized (this) {
            return waiting.await(settled());
        }
    }

    /** The ids of the messages showing the reply, first to last; none once it was withdrawn. */
    public synchronized List<String> shownBy() {
        return withdrawal != null ? List.of() : shown.stream().map(Shown::id).toList();
    }

    /** Counts a notice part as out once it was sent or refused for good (a pause runs it again). */
    private SendResult noticeSent(SendResult result) {
        if (!(result instanceof SendResult.RetryAfter)) {
            List<CompletableFuture<Void>> done;
            synchronized (this) {
                noticesOut--;
                done = waiting.release(settled());
            }
            done.forEach(stage -> stage.complete(null));
        }
        return result;
    }

    /** Queues a step unless one is queued or nothing differs. */
    private void requestStep() {
        synchronized (this) {
            if (stepQueued || nextStep() == null) {
                return;
            }
            stepQueued = true;
        }
        line.enqueue(this::step);
    }

    /** Under the lock: whether nothing given is still to be sent (or the reply gave up). */
    private boolean settled() {
        return noticesOut == 0 && !stepQueued && nextStep() == null;
    }

    /** Under the lock: the first difference between what the chat shows and should show, or null. */
    private @Nullable Step nextStep() {
        if (gaveUp) {
            return null;
        }
        List<String> parts = splitter.split(withdrawal != null ? withdrawal : reply);
        for (int i = 0; i < parts.size(); i++) {
            if (i >= shown.size()) {
                return new Step.Post(parts.get(i), i == 0);
            }
            if (!shown.get(i).text().equals(parts.get(i))) {
                return new Step.Edit(i, shown.get(i).id(), parts.get(i));
            }
        }
        if (shown.size() > Math.max(parts.size(), 1)) {
            return new Step.Delete(shown.getLast().id()); // a withdrawn reply keeps its first message, now the notice
        }
        return null;
    }

    /** Makes one call towards what should be shown; queues the next while more differs. */
    private SendResult step() {
        Step step;
        List<CompletableFuture<Void>> done = List.of();
        synchronized (this) {
            step = nextStep();
            if (step == null) {
                stepQueued = false;
                done = waiting.release(settled());
            }
        }
        if (step == null) {
            done.forEach(stage -> stage.complete(null));
            return new SendResult.Sent();
        }
        SendResult result = attempt(() -> call(step));
        boolean more;
        synchronized (this) {
            if (result instanceof SendResult.RetryAfter) {
                if (++pausesInARow <= maxPausesInARow) {
                    return result; // the line runs this same step again after the pause
                }
                result = new SendResult.Failed("gave up after " + maxPausesInARow + " retries");
            }
            pausesInARow = 0;
            if (result instanceof SendResult.Failed) {
                gaveUp = true;
            }
            more = nextStep() != null;
            if (!more) {
                stepQueued = false;
                done = waiting.release(settled());
            }
        }
        if (more) {
            line.enqueue(this::step);
        }
        done.forEach(stage -> stage.complete(null));
        return result;
    }

    /** Makes the platform call of {@code step} and records what the chat shows after it. */
    private SendResult call(Step step) {
        return switch (step) {
            case Step.Post post -> {
                PostResult posted = messages.post(post.text(), post.answersUser());
                if (posted.messageId() != null) {
                    synchronized (this) {
                        shown.add(new Shown(posted.messageId(), post.text()));
                    }
                }
                yield posted.result();
            }
            case Step.Edit edit -> {
                SendResult result = messages.edit(edit.id(), edit.text());
                if (result instanceof SendResult.Sent) {
                    synchronized (this) {
                        shown.set(edit.index(), new Shown(edit.id(), edit.text()));
                    }
                }
                yield result;
            }
            case Step.Delete delete -> {
                SendResult result = messages.delete(delete.id());
                if (!(result instanceof SendResult.RetryAfter)) {
                    synchronized (this) { // deleted, or already gone
                        shown.removeIf(message -> message.id().equals(delete.id()));
                    }
                }
                yield result;
            }
        };
    }

    /** A call that throws is a refusal: the scheduler would drop it, so it must not be waited for. */
    private static SendResult attempt(Supplier<SendResult> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return new SendResult.Failed(String.valueOf(e.getMessage()));
        }
    }
}
