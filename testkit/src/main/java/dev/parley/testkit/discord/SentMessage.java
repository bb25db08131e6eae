package dev.parley.testkit.discord;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A message the bot created or edited through REST: in a channel, as an interaction reply or as a
 * webhook follow-up.
 *
 * @param kind how the bot sent it
 * @param channelId the channel the message is in
 * @param messageId the id the server gave it
 * @param content the text the bot sent (empty when it sent none)
 * @param allowedMentions the {@code allowed_mentions} object the bot sent, or null
 * @param replyTo the id of the message it replies to ({@code message_reference}), or null
 * @param body the whole JSON body
 */
public record SentMessage(
        Kind kind,
        long channelId,
        long messageId,
        String content,
        @Nullable Map<String, Object> allowedMentions,
        @Nullable Long replyTo,
        Map<String, Object> body) {

    /** The REST call that produced a {@link SentMessage}. */
    public enum Kind {
        /** {@code POST channels/{c}/messages}. */
        CREATE,
        /** {@code PATCH channels/{c}/messages/{m}}. */
        EDIT,
        /** An interaction callback of type 4 (reply with a message). */
        INTERACTION_REPLY,
        /** {@code PATCH webhooks/{app}/{token}/messages/@original} or {@code .../{m}}. */
        INTERACTION_EDIT,
        /** {@code POST webhooks/{app}/{token}}. */
        FOLLOW_UP
    }
}
