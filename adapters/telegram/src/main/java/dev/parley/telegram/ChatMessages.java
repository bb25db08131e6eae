package dev.parley.telegram;

import dev.parley.core.ratelimit.SendResult;
import dev.parley.core.reply.PostResult;
import dev.parley.core.reply.ReplyMessages;
import java.util.function.IntConsumer;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The messages of one answer in a Telegram chat, as Bot API calls: always plain text without link
 * previews (no {@code parse_mode}, so the model's words can never become markup); the first part
 * and every notice answer the user's message. Each message posted is reported to {@code sent}.
 * An edit Telegram calls "not modified" counts as done.
 */
final class ChatMessages implements ReplyMessages {

    private final TelegramClient client;
    private final String chatId;
    private final int userMessageId;
    private final IntConsumer sent;
    private final BotApiCalls replyCalls = new BotApiCalls();
    private final BotApiCalls noticeCalls = new BotApiCalls();

    ChatMessages(TelegramClient client, String chatId, int userMessageId, IntConsumer sent) {
        this.client = client;
        this.chatId = chatId;
        this.userMessageId = userMessageId;
        this.sent = sent;
    }

    @Override
    public PostResult post(String text, boolean answersUser) {
        int[] posted = new int[1];
        SendResult result = replyCalls.run(() -> {
            posted[0] = send(answersUser ? answering(text) : plain(text));
            return new SendResult.Sent();
        });
        return result instanceof SendResult.Sent ? PostResult.posted(String.valueOf(posted[0]))
                : PostResult.notPosted(result);
    }

    @Override
    public SendResult edit(String id, String text) {
        return replyCalls.run(() -> {
            try {
                client.execute(EditMessageText.builder().chatId(chatId).messageId(Integer.parseInt(id))
                        .text(text).linkPreviewOptions(noPreview()).build());
            } catch (TelegramApiException e) {
                if (!ApiErrors.notModified(e)) {
                    throw e; // a refusal (say, the message was deleted) stops this reply
                }
            }
            return new SendResult.Sent();
        });
    }

    @Override
    public SendResult delete(String id) {
        return replyCalls.run(() -> {
            client.execute(new DeleteMessage(chatId, Integer.parseInt(id)));
            return new SendResult.Sent();
        });
    }

    @Override
    public SendResult notice(String text) {
        return noticeCalls.run(() -> {
            send(answering(text));
            return new SendResult.Sent();
        });
    }

    private int send(SendMessage message) throws TelegramApiException {
        Message posted = client.execute(message);
        sent.accept(posted.getMessageId());
        return posted.getMessageId();
    }

    private SendMessage answering(String text) {
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
}
