package dev.parley.discord;

import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.ReplySink;
import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.ratelimit.OutboundTarget;
import dev.parley.core.ratelimit.SendResult;
import dev.parley.core.reply.DeliveryWaiters;
import dev.parley.core.reply.ReplySplitter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import org.jspecify.annotations.Nullable;

/**
 * Shows one answer in a Discord channel: the reply is posted as a reply to the user's message as
 * soon as its first moderated words arrive and then edited as it grows, at most as often as the
 * channel's limit allows (edits in between are folded into the next one); past 2,000 characters it
 * continues in further messages. A withdrawn reply is edited into the notice and its other parts
 * deleted. Nothing the bot posts can ping anyone: no allowed mentions, not even the replied user.
 *
 * <p>Every REST call runs on the adapter's outbound driver thread; the pipeline's threads only
 * record what should be shown. {@link #delivered()} completes once the channel shows everything the
 * sink was given (or the channel refused it, or the retries ran out), so the pipeline keeps the
 * question until its last text is really out.
 */
final class ChannelReplySink implements ReplySink {

    /** Pauses in a row (429s, timeouts) after which the answer is given up rather than retried forever. */
    private static final int MAX_RETRIES = 8;
    static final EnumSet<Message.MentionType> NO_MENTIONS = EnumSet.noneOf(Message.MentionType.class);

    private final MessageChannel channel;
    private final String userMessageId;
    private final @Nullable String chainRoot;
    private final OutboundTarget target;
    private final OutboundDriver driver;
    private final ReplySplitter splitter;
    private final ReplyChains chains;
    private volatile Runnable onFirstOutput = () -> {};

    // guarded by this
    private String wanted = "";
    private final List<String> postedIds = new ArrayList<>();
    private final List<String> postedTexts = new ArrayList<>();
    private boolean flushQueued;
    private int retriesInARow;
    private boolean gaveUp;
    private int noticesOut;
    private final DeliveryWaiters waiting = new DeliveryWaiters();

    /**
     * @param chainRoot the reply chain the answer joins, remembered for each part posted; null outside chains
     */
    ChannelReplySink(MessageChannel channel, String userMessageId, @Nullable String chainRoot, OutboundDriver driver,
            ReplySplitter splitter, ReplyChains chains) {
        this.channel = channel;
        this.userMessageId = userMessageId;
        this.chainRoot = chainRoot;
        this.target = OutboundTarget.discordChannel(channel.getId());
        this.driver = driver;
        this.splitter = splitter;
        this.chains = chains;
    }

    /**
     * What to run when something is about to be shown (it stops the typing indicator); set again
     * when an edited message is answered anew in this same reply.
     */
    void onFirstOutput(Runnable action) {
        this.onFirstOutput = action;
    }

    @Override
    public void notice(Notice notice) {
        boolean replyShown;
        synchronized (this) {
            replyShown = !postedIds.isEmpty() || flushQueued;
        }
        if (replyShown && (notice.kind() == Notice.Kind.INPUT_BLOCKED || notice.kind() == Notice.Kind.TOO_LONG)) {
            // an edited message judged anew: its refusal replaces the answer it had
            show(notice.text());
            return;
        }
        onFirstOutput.run();
        for (String part : splitter.split(notice.text())) {
            synchronized (this) {
                noticesOut++;
            }
            driver.enqueue(target, () -> noticeSent(sendNotice(part)));
        }
    }

    private SendResult sendNotice(String part) {
        try {
            return RestCalls.run(channel.sendMessage(part)
                    .setMessageReference(userMessageId)
                    .failOnInvalidReply(false)
                    .mentionRepliedUser(false)
                    .setAllowedMentions(NO_MENTIONS), posted -> {});
        } catch (RuntimeException e) {
            return new SendResult.Failed(String.valueOf(e.getMessage()));
        }
    }

    /** Counts a notice part as out once it was sent or refused for good (a 429 runs it again). */
    private SendResult noticeSent(SendResult result) {
        if (!(result instanceof SendResult.RetryAfter)) {
            List<CompletableFuture<Void>> done;
            synchronized (this) {
                noticesOut--;
                done = settledWaiters();
            }
            done.forEach(stage -> stage.complete(null));
        }
        return result;
    }

    @Override
    public CompletionStage<Void> delivered() {
        synchronized (this) {
            return waiting.await(settled());
        }
    }

    /** Under the lock: whether nothing given to the sink is still to be sent (or the channel refused it). */
    private boolean settled() {
        return noticesOut == 0 && !flushQueued && nextStep() == null;
    }

    /** Under the lock: the waiting stages to complete (outside the lock) when the channel just settled. */
    private List<CompletableFuture<Void>> settledWaiters() {
        return waiting.release(settled());
    }

    @Override
    public void progress(String visibleSoFar) {
        show(visibleSoFar);
    }

    @Override
    public void complete(String reply) {
        show(reply);
    }

    @Override
    public void withdraw(Notice replacement) {
        show(replacement.text());
    }

    @Override
    public synchronized List<String> shownBy() {
        return List.copyOf(postedIds);
    }

    private void show(String text) {
        onFirstOutput.run();
        synchronized (this) {
            wanted = text;
            if (flushQueued) {
                return; // the queued flush will send the latest text
            }
            flushQueued = true;
        }
        driver.enqueue(target, this::flush);
    }

    /** Makes one REST call towards what is wanted; queues itself again while more is left to do. */
    private SendResult flush() {
        Step step;
        List<CompletableFuture<Void>> done;
        synchronized (this) {
            step = nextStep();
            if (step == null) {
                flushQueued = false;
                done = settledWaiters();
            } else {
                done = List.of();
            }
        }
        if (step == null) {
            done.forEach(stage -> stage.complete(null));
            return new SendResult.Sent();
        }
        SendResult result;
        try {
            result = step.run();
        } catch (RuntimeException e) {
            result = new SendResult.Failed(String.valueOf(e.getMessage())); // dropped by the scheduler: give up here
        }
        synchronized (this) {
            if (result instanceof SendResult.RetryAfter && retriesInARow++ >= MAX_RETRIES) {
                result = new SendResult.Failed("gave up after " + MAX_RETRIES + " retries");
            } else if (!(result instanceof SendResult.RetryAfter)) {
                retriesInARow = 0;
            }
            if (result instanceof SendResult.RetryAfter) {
                return result; // the scheduler runs this same flush again after the pause
            }
            if (result instanceof SendResult.Failed) {
                gaveUp = true; // the channel refuses us (deleted, no permission): retrying cannot help
            }
            if (nextStep() != null) {
                driver.enqueue(target, this::flush);
                done = List.of();
            } else {
                flushQueued = false;
                done = settledWaiters();
            }
        }
        done.forEach(stage -> stage.complete(null));
        return result;
    }

    /** The first difference between what is shown and what is wanted, as one call; null when none. */
    private @Nullable Step nextStep() {
        if (gaveUp) {
            return null;
        }
        List<String> parts = splitter.split(wanted);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (i >= postedIds.size()) {
                return () -> post(part);
            }
            if (!postedTexts.get(i).equals(part)) {
                int index = i;
                return () -> edit(index, part);
            }
        }
        if (postedIds.size() > Math.max(parts.size(), 1)) {
            return this::deleteLast; // a withdrawn reply keeps only its first message, now the notice
        }
        return null;
    }

    @FunctionalInterface
    private interface Step {
        SendResult run();
    }

    private SendResult post(String text) {
        boolean first;
        synchronized (this) {
            first = postedIds.isEmpty();
        }
        var action = channel.sendMessage(text).setAllowedMentions(NO_MENTIONS).mentionRepliedUser(false);
        if (first) {
            action = action.setMessageReference(userMessageId).failOnInvalidReply(false);
        }
        return RestCalls.run(action, message -> {
            synchronized (this) {
                postedIds.add(message.getId());
                postedTexts.add(text);
            }
            chains.remember(message.getId(), chainRoot == null ? message.getId() : chainRoot, true);
        });
    }

    private SendResult edit(int index, String text) {
        String id;
        synchronized (this) {
            id = postedIds.get(index);
        }
        return RestCalls.run(channel.editMessageById(id, text).setAllowedMentions(NO_MENTIONS), edited -> {
            synchronized (this) {
                postedTexts.set(index, text);
            }
        });
    }

    private SendResult deleteLast() {
        String id;
        synchronized (this) {
            id = postedIds.getLast();
        }
        SendResult result = RestCalls.run(channel.deleteMessageById(id), deleted -> {});
        if (!(result instanceof SendResult.RetryAfter)) {
            synchronized (this) { // deleted, or already gone
                postedIds.removeLast();
                postedTexts.removeLast();
            }
        }
        return result;
    }
}
