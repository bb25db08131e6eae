package dev.parley.testkit.telegram;

import static dev.parley.testkit.telegram.BotApiCall.error;
import static dev.parley.testkit.telegram.BotApiCall.ok;
import static dev.parley.testkit.telegram.BotApiCall.required;

import dev.parley.testkit.telegram.BotApiCall.BadRequest;
import dev.parley.testkit.telegram.BotApiCall.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * {@code sendDocument} as Telegram answers it: an uploaded file (multipart, in the {@code document}
 * part or in a part that {@code document} names as {@code attach://<part>}) becomes a message with
 * a {@code document}; a private chat the user never opened with the bot is refused with 403, so
 * a bot cannot start a conversation with someone.
 */
final class BotApiDocuments {

    private final ReentrantLock lock;
    private final BotApiChats chats;
    private final TelegramUser bot;
    private final List<BotDocument> sent = new ArrayList<>();

    BotApiDocuments(ReentrantLock lock, BotApiChats chats, TelegramUser bot) {
        this.lock = lock;
        this.chats = chats;
        this.bot = bot;
    }

    Reply sendDocument(Map<String, @Nullable Object> params) {
        long chatId = required(params, "chat_id");
        Object document = params.get("document");
        if (document == null) {
            throw new BadRequest("there is no document in the request");
        }
        String field = "document";
        if (String.valueOf(document).startsWith("attach://")) {
            // TelegramBots uploads the file as a part of its own and names it in the field, as the Bot API allows
            field = String.valueOf(document).substring("attach://".length());
            document = params.get(field);
            if (document == null) {
                throw new BadRequest("the attached file " + field + " is missing");
            }
        }
        String fileName = String.valueOf(params.getOrDefault(field + BotApiCall.FILE_NAME, field));
        String caption = String.valueOf(params.getOrDefault("caption", ""));
        lock.lock();
        try {
            if (chatId > 0 && !chats.knows(chatId)) {
                return new Reply(403, error(403, "Forbidden: bot can't initiate conversation with a user"));
            }
            Map<String, Object> message = chats.newMessage(chatId, chats.chatOf(chatId), bot.json());
            message.put("document", Map.of("file_id", "document-" + message.get("message_id"),
                    "file_unique_id", "unique-" + message.get("message_id"), "file_name", fileName));
            if (!caption.isEmpty()) {
                message.put("caption", caption);
            }
            chats.store(chatId, message);
            sent.add(new BotDocument(chatId, (Long) message.get("message_id"), fileName, String.valueOf(document), caption));
            return ok(message);
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: the documents sent to {@code chatId}, oldest first. */
    List<BotDocument> sentTo(long chatId) {
        return sent.stream().filter(d -> d.chatId() == chatId).toList();
    }

    /** Under the lock: every document sent, oldest first. */
    List<BotDocument> all() {
        return List.copyOf(sent);
    }
}
