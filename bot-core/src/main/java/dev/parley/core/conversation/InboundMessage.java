package dev.parley.core.conversation;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message as every platform adapter hands it to the core: who wrote what, where and when, and
 * whether it was addressed to the bot.
 *
 * @param messageId the platform's id of this message
 * @param replyToMessageId the platform id of the message this one answers, if any
 * @param mentionsBot whether the bot was mentioned or the message replies to one of the bot's
 * @param directMessage whether this is a private conversation with the bot
 * @param conversationRoot the platform id of the first message of the reply chain this one
 *     belongs to, where a channel holds several conversations at once (adapters walk the chain);
 *     null to continue the one conversation of the location (channel or thread)
 */
public record InboundMessage(
        String messageId,
        Location location,
        Author author,
        String text,
        @Nullable String replyToMessageId,
        boolean mentionsBot,
        boolean directMessage,
        Instant sentAt,
        @Nullable String conversationRoot) {

    public InboundMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sentAt, "sentAt");
    }

    /** A message that continues its location's one conversation (no reply-chain root). */
    public InboundMessage(String messageId, Location location, Author author, String text,
            @Nullable String replyToMessageId, boolean mentionsBot, boolean directMessage, Instant sentAt) {
        this(messageId, location, author, text, replyToMessageId, mentionsBot, directMessage, sentAt, null);
    }

    /**
     * The conversation this message continues: its location and the root of its reply chain, or
     * where it has none, its thread (one conversation per thread).
     */
    public ConversationKey conversationKey() {
        return new ConversationKey(location, conversationRoot != null ? conversationRoot : location.threadId());
    }

    /** Whether the message is addressed to the bot, so that it should be answered. */
    public boolean addressedToBot() {
        return directMessage || mentionsBot;
    }
}
