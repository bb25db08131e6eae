package dev.parley.core.pipeline;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.model.ReplyStream;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.ModelSlot;
import dev.parley.core.queue.QueuedRequest;
import dev.parley.core.regenerate.Regeneration;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message waiting for, then holding, a model slot; decides how whatever becomes of it (answer,
 * stop, edit, expiry, shutdown) completes {@code outcome} and when its kept question is forgotten.
 */
final class PendingAnswer implements QueuedRequest {

    // logged under the pipeline's name, as before this class was split from it
    private static final Logger LOG = LoggerFactory.getLogger(ChatPipeline.class);

    /** Steps 4 to 7 of the path: answers {@code request} while it holds {@code slot}. */
    @FunctionalInterface
    interface Answering {
        Outcome answer(InboundMessage message, ModerationPolicy policy, ReplySink sink, ModelSlot slot,
                PendingAnswer request);
    }


    private final InboundMessage message;
    private final ModerationPolicy policy;
    private final ReplySink sink;
    private final CompletableFuture<Outcome> outcome;
    private final InstantSource clock;
    private final InferenceQueue queue;
    private final Answering answering;
    private final Consumer<String> forget;
    private final Instant queuedAt;
    private final Object streamLock = new Object();
    // held while this answer tells its sink something, and by an edit's withdrawal (before streamLock,
    // never after it), so a withdrawal waits out a write in flight; a stop never waits for a sink
    private final Object sinkLock = new Object();
    private @Nullable ReplyStream stream; // guarded by streamLock: the open model stream, for stop()
    private volatile boolean stopRequested;
    private volatile boolean editedAway;
    private boolean completing; // guarded by streamLock: the answer is being handed over, too late to replace
    /** The id under which the accepted questions keeps this question, once kept. */
    volatile @Nullable String keptId;
    /** The answer this one regenerates, to replace once shown; null for a question answered the first time. */
    volatile @Nullable Regeneration again;

    PendingAnswer(InboundMessage message, ModerationPolicy policy, ReplySink sink,
            CompletableFuture<Outcome> outcome, InstantSource clock, InferenceQueue queue, Answering answering,
            Consumer<String> forget) {
        this.message = message;
        this.policy = policy;
        this.sink = sink;
        this.outcome = outcome;
        this.clock = clock;
        this.queue = queue;
        this.answering = answering;
        this.forget = forget;
        this.queuedAt = clock.instant();
    }

    /** Whether this answer's outcome is decided. */
    boolean isDone() {
        return outcome.isDone();
    }

    @Override
    public void run() {
        run(() -> {});
    }

    @Override
    public void run(ModelSlot slot) {
        synchronized (this) {
            // empty on purpose: waits until admit() has told the user their place in line, so
            // a QUEUED notice never arrives after the reply has started
        }
        try {
            finish(answering.answer(message, policy, sink, slot, this));
        } catch (RuntimeException | Error e) {
            forgetKept();
            outcome.completeExceptionally(e); // a broken sink must not leave the caller waiting
        }
    }

    @Override
    public void abandon() {
        tellThenComplete(new Notice(Notice.Kind.FAILED,
                "I am restarting and could not answer this; please ask again in a minute."),
                new Outcome.Failed("abandoned at shutdown"));
    }

    @Override
    public void expire() {
        Duration waited = Duration.between(queuedAt, clock.instant());
        tellThenComplete(new Notice(Notice.Kind.EXPIRED, "Sorry, I could not get to your question in time ("
                + ChatPipeline.seconds(waited) + " s in line); please ask again later."), new Outcome.Expired(waited));
    }

    /** Withdrawn while waiting: the {@code /stop} reply, the deleted message or the edit says enough. */
    @Override
    public void cancel() {
        finish(editedAway ? new Outcome.Edited(false) : new Outcome.Stopped(false));
    }

    /**
     * Withdraws this answer because its message was edited; false when it is too late (the
     * answer is complete or being handed over), so the edit is not answered twice.
     */
    boolean withdrawForEdit() {
        synchronized (sinkLock) {
            synchronized (streamLock) {
                if (completing || outcome.isDone()) {
                    return false;
                }
                editedAway = true; // from now on this answer never completes as answered
            }
        }
        queue.withdrawRequest(this);
        return true;
    }

    /**
     * Hands {@code write} (what this running answer tells its sink) to the sink unless a stop or
     * an edit withdrew the answer; false when withdrawn. {@link #withdrawForEdit} waits for a write
     * in flight, so once an edit took the answer back its sink hears nothing more from it: the
     * sink is the edited message's too, and a late piece of the old answer would overwrite the new
     * answer's notice. A {@link #stop()} does not wait: a sink held up by its platform must not
     * hold up a shutdown.
     */
    boolean tellSink(Runnable write) {
        synchronized (sinkLock) {
            if (stopRequested || editedAway) {
                return false;
            }
            write.run();
            return true;
        }
    }

    /** Whether the finished answer may be handed over: false once a stop or an edit withdrew it. */
    boolean beginCompleting() {
        synchronized (streamLock) {
            completing = !stopRequested && !editedAway;
            return completing;
        }
    }

    /** The end of an answer stopped while running: told to the user, unless an edit replaces it. */
    Outcome stopped() {
        if (editedAway) {
            return new Outcome.Edited(true);
        }
        sink.notice(new Notice(Notice.Kind.STOPPED, "Stopped."));
        return new Outcome.Stopped(true);
    }

    /**
     * Withdrawn while running: closes the model stream from this (the stopping) thread, so a
     * {@code next()} waiting for the model ends at once and the slot frees; the answering
     * thread then tells the user.
     */
    @Override
    public void stop() {
        ReplyStream running;
        synchronized (streamLock) {
            stopRequested = true;
            running = stream;
        }
        if (running != null) {
            running.close();
        }
    }

    /** Keeps the open stream for {@link #stop()}; false when a stop came first (the caller closes it). */
    boolean holds(ReplyStream opened) {
        synchronized (streamLock) {
            stream = opened;
            return !stopRequested;
        }
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Forgets the kept question once the sink has delivered what ends it, then completes. With a
     * sink that sends before it returns, whoever waits for the outcome finds the question
     * forgotten; with a paced sink the outcome comes first and the question stays kept until
     * the platform took the last send (or refused it), so a kill in between answers it again.
     */
    private void finish(Outcome result) {
        forgetOnceDelivered();
        outcome.complete(result);
    }

    private void forgetOnceDelivered() {
        String kept = keptId;
        if (kept == null) {
            return;
        }
        CompletionStage<Void> delivered;
        try {
            delivered = sink.delivered();
        } catch (RuntimeException e) {
            forget.accept(kept); // a broken sink cannot say; keeping the question would answer it at every start
            return;
        }
        delivered.whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.warn("message={} final reply not delivered ({}); not answered again",
                        message.messageId(), failure.getClass().getName());
            }
            forget.accept(kept);
        });
    }

    private void forgetKept() {
        String kept = keptId;
        if (kept != null) {
            forget.accept(kept);
        }
    }

    private void tellThenComplete(Notice notice, Outcome result) {
        try {
            sink.notice(notice);
        } finally {
            finish(result);
        }
    }
}
