package dev.parley.testkit.telegram;

import static dev.parley.testkit.telegram.BotApiCall.ok;

import dev.parley.testkit.json.Json;
import dev.parley.testkit.telegram.BotApiCall.BadRequest;
import dev.parley.testkit.telegram.BotApiCall.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The inline keyboards under the bot's messages and the presses of their buttons: a keyboard is
 * set by {@code sendMessage}'s {@code reply_markup}, replaced by {@code editMessageReplyMarkup},
 * and removed by an {@code editMessageText} without one, as Telegram does; a press is a
 * {@code callback_query} update, answered with {@code answerCallbackQuery}. Guarded by the
 * server's lock.
 */
final class InlineKeyboards {

    private final ReentrantLock lock;
    private final BotApiChats chats;
    private final UpdateFeed updates;
    private final Map<String, List<InlineButton>> byMessage = new HashMap<>();
    private final List<String> answers = new ArrayList<>();
    private long nextQueryId = 1;

    InlineKeyboards(ReentrantLock lock, BotApiChats chats, UpdateFeed updates) {
        this.lock = lock;
        this.chats = chats;
        this.updates = updates;
    }

    /** {@code from} presses the button {@code data} under message {@code messageId}: queues the update; its query id. */
    String press(TelegramChat chat, TelegramUser from, long messageId, String data) {
        lock.lock();
        try {
            Map<String, Object> message = chats.message(chat.id(), messageId);
            if (message == null) {
                throw new IllegalArgumentException("no message " + messageId + " in chat " + chat.id());
            }
            String id = "cb-" + nextQueryId++;
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("id", id);
            query.put("from", from.json());
            query.put("message", message);
            query.put("chat_instance", "instance-" + chat.id());
            query.put("data", data);
            updates.add("callback_query", query);
            return id;
        } finally {
            lock.unlock();
        }
    }

    /** The buttons under the message, in rows' order; empty when it has none. */
    List<InlineButton> of(long chatId, long messageId) {
        lock.lock();
        try {
            return List.copyOf(byMessage.getOrDefault(chatId + ":" + messageId, List.of()));
        } finally {
            lock.unlock();
        }
    }

    /** The bot's answers to presses, as {@code <query id>: <text>}, in order. */
    List<String> answers() {
        lock.lock();
        try {
            return List.copyOf(answers);
        } finally {
            lock.unlock();
        }
    }

    /** After a send or an edit of text: the keyboard its {@code reply_markup} sets, or none. */
    Reply shown(Reply reply, Map<String, @Nullable Object> params) {
        if (reply.status() == 200 && reply.body().get("result") instanceof Map<?, ?> message
                && message.get("message_id") instanceof Long messageId) {
            set(BotApiCall.required(params, "chat_id"), messageId, params.get("reply_markup"));
        }
        return reply;
    }

    /** {@code editMessageReplyMarkup}: replaces (or, without one, removes) the keyboard of a message. */
    Reply editReplyMarkup(Map<String, @Nullable Object> params) {
        long chatId = BotApiCall.required(params, "chat_id");
        long messageId = BotApiCall.required(params, "message_id");
        lock.lock();
        try {
            Map<String, Object> message = chats.message(chatId, messageId);
            if (message == null) {
                throw new BadRequest("message to edit not found");
            }
            set(chatId, messageId, params.get("reply_markup"));
            return ok(message);
        } finally {
            lock.unlock();
        }
    }

    /** {@code answerCallbackQuery}: keeps the answer for the test. */
    Reply answerCallbackQuery(Map<String, @Nullable Object> params) {
        Object id = params.get("callback_query_id");
        if (id == null) {
            throw new BadRequest("callback_query_id is required");
        }
        lock.lock();
        try {
            answers.add(id + ": " + (params.get("text") == null ? "" : params.get("text")));
            return ok(true);
        } finally {
            lock.unlock();
        }
    }

    private void set(long chatId, long messageId, @Nullable Object replyMarkup) {
        List<InlineButton> buttons = buttons(replyMarkup);
        lock.lock();
        try {
            if (buttons.isEmpty()) {
                byMessage.remove(chatId + ":" + messageId);
            } else {
                byMessage.put(chatId + ":" + messageId, buttons);
            }
        } finally {
            lock.unlock();
        }
    }

    private static List<InlineButton> buttons(@Nullable Object replyMarkup) {
        Object markup = replyMarkup instanceof String json ? Json.parse(json) : replyMarkup;
        List<InlineButton> buttons = new ArrayList<>();
        if (markup instanceof Map<?, ?> map && map.get("inline_keyboard") instanceof List<?> rows) {
            for (Object row : rows) {
                if (row instanceof List<?> cells) {
                    for (Object cell : cells) {
                        if (cell instanceof Map<?, ?> button && button.get("text") instanceof String text) {
                            buttons.add(new InlineButton(text, button.get("callback_data") instanceof String data ? data : ""));
                        }
                    }
                }
            }
        }
        return buttons;
    }
}
