package dev.parley.testkit.telegram;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A chat as the fake server shows it: {@code type} is {@code private}, {@code group},
 * {@code supergroup} or {@code channel}; group and channel ids are negative, as on Telegram.
 * Public groups and channels also have a {@code username}.
 */
public record TelegramChat(long id, String type, @Nullable String title, @Nullable String username) {

    public TelegramChat(long id, String type, @Nullable String title) {
        this(id, type, title, null);
    }

    /** This chat with a public {@code @username} (given without the {@code @}), as {@code getChat} finds it. */
    public TelegramChat withUsername(String username) {
        return new TelegramChat(id, type, title, username);
    }

    /** The private chat of {@code user} with the bot: its id is the user's. */
    public static TelegramChat privateWith(TelegramUser user) {
        return new TelegramChat(user.id(), "private", null);
    }

    public static TelegramChat group(long id, String title) {
        return new TelegramChat(id, "group", title);
    }

    public static TelegramChat supergroup(long id, String title) {
        return new TelegramChat(id, "supergroup", title);
    }

    public static TelegramChat channel(long id, String title) {
        return new TelegramChat(id, "channel", title);
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("type", type);
        if (title != null) {
            json.put("title", title);
        }
        if (username != null) {
            json.put("username", username);
        }
        return json;
    }
}
