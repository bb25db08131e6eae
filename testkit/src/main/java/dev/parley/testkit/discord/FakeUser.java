package dev.parley.testkit.discord;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Discord user known to the fake server: a person, another bot, or the bot under test.
 *
 * @param id the user's snowflake
 * @param username the unique user name
 * @param bot whether Discord marks the account as a bot
 */
public record FakeUser(long id, String username, boolean bot) {

    /** The mention markup Discord clients write for this user, {@code <@id>}. */
    public String mention() {
        return "<@" + Long.toUnsignedString(id) + ">";
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(id));
        json.put("username", username);
        json.put("discriminator", "0");
        json.put("global_name", username);
        json.put("avatar", null);
        json.put("bot", bot);
        json.put("public_flags", 0);
        return json;
    }
}
