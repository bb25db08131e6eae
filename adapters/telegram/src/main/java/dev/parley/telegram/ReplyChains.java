package dev.parley.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.reply.ReplyCaches;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Which reply chain each recent group message belongs to, the bot's own messages included, so a
 * reply continues the conversation it answers. Message ids are unique only within a chat, so the
 * chat is part of every key. Bounded and forgetful ({@link ReplyCaches#replyChains()} messages; a
 * chain nobody touched for {@link ReplyCaches#replyChainsIdle()} starts afresh): a reply to a
 * forgotten message roots a new chain at that message.
 */
final class ReplyChains {

    private final Cache<String, String> roots;

    ReplyChains(long maxMessages, Duration idle) {
        this.roots = Caffeine.newBuilder().maximumSize(maxMessages).expireAfterAccess(idle).build();
    }

    /** Records that message {@code messageId} of {@code chatId} belongs to the chain starting at {@code root}. */
    void remember(long chatId, int messageId, String root) {
        roots.put(key(chatId, messageId), root);
    }

    /** The root of the chain message {@code messageId} of {@code chatId} belongs to; one not seen is its own root. */
    String rootOf(long chatId, int messageId) {
        String root = roots.getIfPresent(key(chatId, messageId));
        return root == null ? key(chatId, messageId) : root;
    }

    /** The chain a new message joins: the chain of the message it replies to, or its own. */
    String join(long chatId, int messageId, @Nullable Integer replyTo) {
        String root = replyTo == null ? key(chatId, messageId) : rootOf(chatId, replyTo);
        remember(chatId, messageId, root);
        return root;
    }

    /** The message's id as the core knows it ({@code chat:message}). */
    static String key(long chatId, int messageId) {
        return chatId + ":" + messageId;
    }
}
