package dev.parley.testkit.telegram;

import dev.parley.testkit.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Telegram's {@code message_reaction} updates as the fake sends them: only after the bot asked
 * for them in {@code allowed_updates} (of {@code getUpdates} or {@code setWebhook}; a call
 * without the parameter keeps the last list, as on Telegram), and in groups only where the bot is
 * an administrator. Guarded by the server's lock.
 */
final class MessageReactions {

    private static final String KIND = "message_reaction";

    private boolean asked;

    /** Reads {@code allowed_updates} of a {@code getUpdates} or {@code setWebhook} call, when it has one. */
    void allowedUpdates(Map<String, @Nullable Object> params) {
        Object allowed = params.get("allowed_updates");
        if (allowed instanceof String text && !text.isBlank()) {
            allowed = Json.parse(text);
        }
        if (allowed instanceof List<?> kinds) {
            asked = kinds.stream().map(String::valueOf).anyMatch(KIND::equals);
        }
    }

    /** Whether Telegram would send the bot a reaction in {@code chat}, where the bot's status is {@code botStatus}. */
    boolean sent(TelegramChat chat, String botStatus) {
        boolean group = chat.type().equals("group") || chat.type().equals("supergroup");
        return asked && (!group || botStatus.equals("administrator") || botStatus.equals("creator"));
    }

    /** The update's payload: {@code from} changed their reactions on {@code messageId} from {@code before} to {@code after}. */
    static Map<String, Object> payload(TelegramChat chat, TelegramUser from, long messageId, long date,
            List<String> before, List<String> after) {
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("chat", chat.json());
        update.put("message_id", messageId);
        update.put("user", from.json());
        update.put("date", date);
        update.put("old_reaction", emoji(before));
        update.put("new_reaction", emoji(after));
        return update;
    }

    static String kind() {
        return KIND;
    }

    private static List<Map<String, Object>> emoji(List<String> emoji) {
        return emoji.stream().map(e -> Map.<String, Object>of("type", "emoji", "emoji", e)).toList();
    }
}
