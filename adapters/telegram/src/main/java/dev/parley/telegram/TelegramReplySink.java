package dev.parley.telegram;

import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.ReplySink;
import dev.parley.core.reply.DeliveryWaiters;
import dev.parley.core.reply.ReplySplitter;
import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.ratelimit.OutboundSend;
import dev.parley.core.ratelimit.OutboundTarget;
import dev.parley.core.ratelimit.SendResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Shows one reply in a Telegram chat: the first piece is sent as a message answering the user's,
 * then edited as the moderated reply grows; past 4,096 characters it continues in new messages.
 * Notices are separate messages answering the user's. Everything goes out through the
 * {@link OutboundDriver}, which paces it within Telegram's limits, and always as plain text
 * without link previews: no {@code parse_mode}, so the model's words can never become markup.
 *
 * <p>Each message it posts is reported to {@code sent} (the adapter files it under the reply
 * chain it answers). The sink keeps what the chat should show and what it shows; each queued send makes one call
 * that brings the two closer (send, edit or delete), reading the latest text when it runs, so a
 * slow chat gets fewer, larger edits rather than a backlog.
 *
 * <p>{@link #delivered()} completes once the chat shows everything the sink was given (or a send
 * was refused for good), so the pipeline keeps the question until its last text is really out.
 */
final class TelegramReplySink implements ReplySink {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramReplySink.class);
    /** Telegram shows "typing" for 5 s; renewed a little sooner. */
    static final Duration TYPING_RENEWAL = Duration.ofSeconds(4);
    private static final int NETWORK_ATTEMPTS = 3;

    private final TelegramClient client;
    private final OutboundDriver driver;
    private final ScheduledExecutorService timers;
    private final ReplySplitter splitter;
    private final String chatId;
    private final int userMessageId;
    private final OutboundTarget chat;
    private final OutboundTarget typingTarget;
    private final IntConsumer sent;

    private String reply = "";
    private @Nullable String withdrawnBy;
    private final List<Shown> shown = new ArrayList<>();
    private boolean stepQueued;
    private boolean answersAnEdit;
    private boolean broken;
    /** Notice messages queued and not yet sent or given up. */
    private int tellsOut;
    /** Stages of {@link #delivered()} waiting for the chat to show everything given so far. */
    private final DeliveryWaiters waiting = new DeliveryWaiters();
    private @Nullable ScheduledFuture<?> typing;

    /** A message of the reply as the chat shows it. */
    private record Shown(int messageId, String text) {}

    TelegramReplySink(TelegramClient client, OutboundDriver driver, ScheduledExecutorService timers,
            ReplySplitter splitter, long chatId, boolean group, int userMessageId, IntConsumer sent) {
        this.client = client;
        this.driver = driver;
        this.timers = timers;
        this.splitter = splitter;
        this.chatId = String.valueOf(chatId);
        this.userMessageId = userMessageId;
        this.sent = sent;
        this.chat = OutboundTarget.telegramChat(this.chatId, group);
        // chat actions draw only on the overall budget, so they never delay the reply itself
        this.typingTarget = new OutboundTarget("telegram-typing:" + chatId,
                List.of(dev.parley.core.ratelimit.OutboundLimit.telegramOverall()));
    }

    /** Shows "typing" in the chat until the reply or a notice arrives (or {@link #stopTyping()}). */
    synchronized void startTyping() {
        if (typing == null) {
            typing = timers.scheduleAtFixedRate(() -> enqueue(typingTarget, new NetworkRetries(this::sendTyping, () -> {})), 0,
                    TYPING_RENEWAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops renewing "typing"; idempotent. */
    synchronized void stopTyping() {
        if (typing != null) {
            typing.cancel(false);
            typing = null;
        }
    }

    /**
     * The user edited their message and the sink now shows the answer to the new text: a notice
     * (the new text is blocked, too long...) then takes the place of the old answer shown so far
     * rather than following it.
     */
    synchronized void answerEdit() {
        answersAnEdit = true;
    }

    @Override
    public void notice(Notice notice) {
        stopTyping();
        synchronized (this) {
            if (answersAnEdit && (!shown.isEmpty() || !reply.isEmpty())) {
                withdrawnBy = notice.text();
                requestStep();
                return;
            }
        }
        tell(notice.text());
    }

    /** Sends {@code text} as a message answering the user's. */
    void tell(String text) {
        List<String> pieces = splitter.split(text);
        for (String piece : pieces) {
            synchronized (this) {
                tellsOut++;
            }
            enqueue(chat, new NetworkRetries(() -> {
                this.sent.accept(client.execute(message(piece)).getMessageId());
                tellDone();
                return new SendResult.Sent();
            }, this::tellDone));
        }
    }

    private void tellDone() {
        List<CompletableFuture<Void>> done;
        synchronized (this) {
            tellsOut--;
            done = settledWaiters();
        }
        done.forEach(stage -> stage.complete(null));
    }

    @Override
    public CompletionStage<Void> delivered() {
        synchronized (this) {
            return waiting.await(settled());
        }
    }

    /** Under the lock: whether nothing given to the sink is still to be sent (or a refusal ended it). */
    private boolean settled() {
        return tellsOut == 0 && (broken || (!stepQueued && nextStep() == null));
    }

    /** Under the lock: the waiting stages to complete (outside the lock) when the chat just settled. */
    private List<CompletableFuture<Void>> settledWaiters() {
        return waiting.release(settled());
    }

    @Override
    public void progress(String visibleSoFar) {
        show(visibleSoFar);
    }

    @Override
    public void complete(String finished) {
        show(finished);
    }

    @Override
    public void withdraw(Notice replacement) {
        stopTyping();
        synchronized (this) {
            withdrawnBy = replacement.text();
            requestStep();
        }
    }

    @Override
    public synchronized List<String> shownBy() {
        return withdrawnBy != null ? List.of() : shown.stream().map(m -> String.valueOf(m.messageId())).toList();
    }

    private void show(String text) {
        stopTyping();
        synchronized (this) {
            if (withdrawnBy == null) {
                reply = text;
                requestStep();
            }
        }
    }

    /** Under the lock: queues a step unless one is queued or nothing differs. */
    private void requestStep() {
        if (!stepQueued && !broken && nextStep() != null) {
            stepQueued = true;
            enqueue(chat, new NetworkRetries(this::step, this::giveUp));
        }
    }

    /** What the chat should show now: the reply's pieces, or the notice that replaced it. */
    private List<String> wanted() {
        return withdrawnBy != null ? splitter.split(withdrawnBy) : splitter.split(reply);
    }

    private sealed interface Step {
        record Send(int index, String text) implements Step {}
        record Edit(int index, int messageId, String text) implements Step {}
        record Delete(int index, int messageId) implements Step {}
    }

    /** Under the lock: the first difference between what the chat shows and should show, or null. */
    private @Nullable Step nextStep() {
        List<String> wanted = wanted();
        for (int i = 0; i < Math.max(wanted.size(), shown.size()); i++) {
            if (i >= shown.size()) {
                return new Step.Send(i, wanted.get(i));
            }
            Shown message = shown.get(i);
            if (i >= wanted.size()) {
                return new Step.Delete(i, message.messageId());
            }
            if (!message.text().equals(wanted.get(i))) {
                return new Step.Edit(i, message.messageId(), wanted.get(i));
            }
        }
        return null;
    }

    /** One call towards what the chat should show; queues the next if more differs. */
    private SendResult step() throws TelegramApiException {
        Step step;
        List<CompletableFuture<Void>> done;
        synchronized (this) {
            step = broken ? null : nextStep();
            if (step == null) {
                stepQueued = false;
                done = settledWaiters();
            } else {
                done = List.of();
            }
        }
        if (step == null) {
            done.forEach(stage -> stage.complete(null));
            return new SendResult.Sent();
        }
        try {
            switch (step) {
                case Step.Send send -> {
                    Message posted = client.execute(send.index() == 0 ? message(send.text()) : plain(send.text()));
                    sent.accept(posted.getMessageId());
                    synchronized (this) {
                        shown.add(new Shown(posted.getMessageId(), send.text()));
                    }
                }
                case Step.Edit edit -> {
                    client.execute(EditMessageText.builder().chatId(chatId).messageId(edit.messageId())
                            .text(edit.text()).linkPreviewOptions(noPreview()).build());
                    synchronized (this) {
                        shown.set(edit.index(), new Shown(edit.messageId(), edit.text()));
                    }
                }
                case Step.Delete delete -> {
                    client.execute(new DeleteMessage(chatId, delete.messageId()));
                    synchronized (this) {
                        shown.remove(delete.index());
                    }
                }
            }
        } catch (TelegramApiException e) {
            if (step instanceof Step.Edit edit && ApiErrors.notModified(e)) {
                synchronized (this) {
                    shown.set(edit.index(), new Shown(edit.messageId(), edit.text()));
                }
            } else {
                throw e; // a refusal (say, the message was deleted) stops this reply: see giveUp
            }
        }
        synchronized (this) {
            if (nextStep() != null) {
                enqueue(chat, new NetworkRetries(this::step, this::giveUp));
                done = List.of();
            } else {
                stepQueued = false;
                done = settledWaiters();
            }
        }
        done.forEach(stage -> stage.complete(null));
        return new SendResult.Sent();
    }

    /** Queues a send; after shutdown began there is nobody left to send it, so it is dropped. */
    private void enqueue(OutboundTarget target, OutboundSend send) {
        try {
            driver.enqueue(target, send);
        } catch (IllegalStateException closed) {
            LOG.debug("Telegram: a send for chat {} came after shutdown", chatId);
        }
    }

    /** A step failed for good: stop updating this reply; what it was given counts as delivered. */
    private void giveUp() {
        List<CompletableFuture<Void>> done;
        synchronized (this) {
            broken = true;
            stepQueued = false;
            done = settledWaiters();
        }
        done.forEach(stage -> stage.complete(null));
    }

    private SendResult sendTyping() throws TelegramApiException {
        synchronized (this) {
            if (typing == null) {
                return new SendResult.Sent(); // the reply started while this waited
            }
        }
        client.execute(SendChatAction.builder().chatId(chatId).action(ActionType.TYPING.toString()).build());
        return new SendResult.Sent();
    }

    private SendMessage message(String text) {
        return SendMessage.builder().chatId(chatId).text(text).linkPreviewOptions(noPreview())
                .replyParameters(ReplyParameters.builder().messageId(userMessageId).allowSendingWithoutReply(true).build())
                .build();
    }

    private SendMessage plain(String text) {
        return SendMessage.builder().chatId(chatId).text(text).linkPreviewOptions(noPreview()).build();
    }

    private static LinkPreviewOptions noPreview() {
        return LinkPreviewOptions.builder().isDisabled(true).build();
    }

    /** A Bot API call that may throw. */
    @FunctionalInterface
    interface Call {
        SendResult run() throws TelegramApiException;
    }

    /**
     * A send that turns the call's failures into the scheduler's results: 429 waits as asked,
     * a network failure is tried again a few times, a refusal is given up.
     */
    private static final class NetworkRetries implements OutboundSend {

        private final Call call;
        private final Runnable onGiveUp;
        private int networkFailures;

        NetworkRetries(Call call, Runnable onGiveUp) {
            this.call = call;
            this.onGiveUp = onGiveUp;
        }

        @Override
        public SendResult send() {
            try {
                return call.run();
            } catch (TelegramApiException e) {
                if (ApiErrors.tooManyRequests(e)) {
                    return ApiErrors.retryAfter(e);
                }
                if (!ApiErrors.refused(e) && ++networkFailures < NETWORK_ATTEMPTS) {
                    return new SendResult.RetryAfter(ApiErrors.NETWORK_RETRY, false);
                }
                LOG.warn("Telegram refused a send: {}", ApiErrors.describe(e));
                onGiveUp.run();
                return new SendResult.Failed(ApiErrors.describe(e));
            } catch (RuntimeException e) {
                onGiveUp.run(); // the scheduler drops a send that throws: it will not be tried again
                throw e;
            }
        }
    }
}
