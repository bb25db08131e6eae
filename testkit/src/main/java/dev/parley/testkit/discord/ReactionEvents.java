package dev.parley.testkit.discord;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MESSAGE_REACTION_ADD and MESSAGE_REACTION_REMOVE as Discord dispatches them: who reacted with
 * which unicode emoji on which message, with the member in a guild (JDA drops a guild reaction
 * whose member it cannot place).
 */
final class ReactionEvents {

    private final DiscordState state;

    ReactionEvents(DiscordState state) {
        this.state = state;
    }

    void dispatch(boolean added, long channelId, long messageId, FakeUser user, String emoji) {
        StoredMessage message = state.messages.get(messageId);
        if (message == null || message.channelId != channelId) {
            throw new IllegalArgumentException("unknown message " + messageId + " in channel " + channelId);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user_id", Long.toUnsignedString(user.id()));
        json.put("channel_id", Long.toUnsignedString(channelId));
        json.put("message_id", Long.toUnsignedString(messageId));
        Map<String, Object> emojiJson = new LinkedHashMap<>();
        emojiJson.put("id", null);
        emojiJson.put("name", emoji);
        json.put("emoji", emojiJson);
        json.put("burst", false);
        json.put("type", 0);
        if (message.guild != null) {
            if (!message.guild.isMember(user)) {
                throw new IllegalArgumentException(user.username() + " is not a member of the guild");
            }
            json.put("guild_id", Long.toUnsignedString(message.guild.id()));
            if (added) {
                json.put("member", message.guild.memberJson(user.id()));
                json.put("message_author_id", Long.toUnsignedString(message.authorId));
            }
        }
        state.gateway.dispatch(added ? "MESSAGE_REACTION_ADD" : "MESSAGE_REACTION_REMOVE",
                message.guild == null ? 0 : message.guild.id(), session -> json);
    }
}
