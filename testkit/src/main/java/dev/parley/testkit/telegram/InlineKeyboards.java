package dev.parley.testkit.telegram;

import dev.parley.testkit.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The inline keyboards under the bot's messages, as the chat shows them: set by
 * {@code sendMessage}'s {@code reply_markup}, replaced by {@code editMessageReplyMarkup}, and
 * removed by an {@code editMessageText} without one, as Telegram does. Guarded by the server's lock.
 */
final class InlineKeyboards {

    private final Map<String, List<InlineButton>> byMessage = new HashMap<>();

    /** Under the lock: the keyboard of {@code reply_markup} (JSON text or parsed) under message {@code messageId}. */
    void set(long chatId, long messageId, @Nullable Object replyMarkup) {
        List<InlineButton> buttons = buttons(replyMarkup);
        if (buttons.isEmpty()) {
            byMessage.remove(chatId + ":" + messageId);
        } else {
            byMessage.put(chatId + ":" + messageId, buttons);
        }
    }

    /** Under the lock: the buttons under the message, in rows' order; empty when it has none. */
    List<InlineButton> of(long chatId, long messageId) {
        return List.copyOf(byMessage.getOrDefault(chatId + ":" + messageId, List.of()));
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
