package dev.parley.testkit.telegram;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A Telegram account (person or bot) as the fake server shows it in {@code from} fields. */
public record TelegramUser(long id, String firstName, @Nullable String username, boolean bot) {

    /** A person with a username. */
    public static TelegramUser person(long id, String firstName, String username) {
        return new TelegramUser(id, firstName, username, false);
    }

    /** A bot; {@code username} ends in "bot", as Telegram requires. */
    public static TelegramUser bot(long id, String firstName, String username) {
        return new TelegramUser(id, firstName, username, true);
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("is_bot", bot);
        json.put("first_name", firstName);
        if (username != null) {
            json.put("username", username);
        }
        return json;
    }
}
