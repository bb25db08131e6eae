package dev.parley.telegram;

import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.ReplySink;
import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.ratelimit.OutboundLimit;
import dev.parley.core.ratelimit.OutboundSend;
import dev.parley.core.ratelimit.OutboundTarget;
import dev.parley.core.ratelimit.SendResult;
import dev.parley.core.reply.ReplySplitter;
import dev.parley.core.reply.StreamedReply;
import java.time.Duration;
import java.util.List;
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
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Shows one reply in a Telegram chat through the core's {@link StreamedReply}: the first piece is
 * sent as a message answering the user's, then edited as the moderated reply grows; past 4,096
 * characters it continues in new messages. Notices are separate messages answering the user's.
 * Everything goes out through the {@link OutboundDriver}, which paces it within Telegram's limits,
 * as plain text without link previews ({@link ChatMessages}). While the model is awaited the chat
 * shows "typing".
 *
 * <p>Each message it posts is reported to {@code sent} (the adapter files it under the reply
 * chain it answers). {@link #delivered()} completes once the chat shows everything the sink was
 * given (or a send was refused for good), so the pipeline keeps the question until its last text is
 * really out.
 */
final class TelegramReplySink implements ReplySink {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramReplySink.class);
    /** Telegram shows "typing" for 5 s; renewed a little sooner. */
    static final Duration TYPING_RENEWAL = Duration.ofSeconds(4);

    private final TelegramClient client;
    private final OutboundDriver driver;
    private final ScheduledExecutorService timers;
    private final String chatId;
    private final OutboundTarget chat;
    private final OutboundTarget typingTarget;
    private final StreamedReply reply;

    // guarded by this
    private boolean answersAnEdit;
    private @Nullable ScheduledFuture<?> typing;

    TelegramReplySink(TelegramClient client, OutboundDriver driver, ScheduledExecutorService timers,
            ReplySplitter splitter, long chatId, boolean group, int userMessageId, IntConsumer sent) {
        this.client = client;
        this.driver = driver;
        this.timers = timers;
        this.chatId = String.valueOf(chatId);
        this.chat = OutboundTarget.telegramChat(this.chatId, group);
        // chat actions draw only on the overall budget, so they never delay the reply itself
        this.typingTarget = new OutboundTarget("telegram-typing:" + chatId, List.of(OutboundLimit.telegramOverall()));
        // Telegram's 429s are waited out however many come; BotApiCalls gives up on the network
        this.reply = new StreamedReply(new ChatMessages(client, this.chatId, userMessageId, sent), splitter,
                send -> enqueue(chat, send), Integer.MAX_VALUE);
    }

    /** Shows "typing" in the chat until the reply or a notice arrives (or {@link #stopTyping()}). */
    synchronized void startTyping() {
        if (typing == null) {
            typing = timers.scheduleAtFixedRate(this::queueTyping, 0, TYPING_RENEWAL.toMillis(), TimeUnit.MILLISECONDS);
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
        boolean replacesAnswer;
        synchronized (this) {
            replacesAnswer = answersAnEdit && reply.hasReply();
        }
        if (replacesAnswer) {
            reply.withdraw(notice.text());
        } else {
            tell(notice.text());
        }
    }

    /** Sends {@code text} as a message answering the user's. */
    void tell(String text) {
        reply.tell(text);
    }

    @Override
    public CompletionStage<Void> delivered() {
        return reply.delivered();
    }

    @Override
    public void progress(String visibleSoFar) {
        stopTyping();
        reply.show(visibleSoFar);
    }

    @Override
    public void complete(String finished) {
        stopTyping();
        reply.show(finished);
    }

    @Override
    public void withdraw(Notice replacement) {
        stopTyping();
        reply.withdraw(replacement.text());
    }

    @Override
    public List<String> shownBy() {
        return reply.shownBy();
    }

    /** Queues a send; after shutdown began there is nobody left to send it, so it is dropped. */
    private void enqueue(OutboundTarget target, OutboundSend send) {
        if (!driver.offer(target, send)) {
            LOG.debug("Telegram: a send for chat {} came after shutdown", chatId);
        }
    }

    private void queueTyping() {
        BotApiCalls calls = new BotApiCalls();
        enqueue(typingTarget, () -> calls.run(this::sendTyping));
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
}
