package dev.parley.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.reply.ReplyCaches;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Which reply chain each recent message belongs to, and which messages are the bot's own, so a
 * reply continues the conversation it answers and a reply to the bot counts as addressing it.
 * Bounded and forgetful ({@link ReplyCaches#replyChains()} messages; a chain nobody touched for
 * {@link ReplyCaches#replyChainsIdle()} starts afresh).
 */
final class ReplyChains {

    private record Link(String root, boolean fromBot) {}

    private final Cache<String, Link> links;

    ReplyChains(long maxMessages, Duration idle) {
        this.links = Caffeine.newBuilder().maximumSize(maxMessages).expireAfterAccess(idle).build();
    }

    /** Records that {@code messageId} belongs to the chain starting at {@code root}. */
    void remember(String messageId, String root, boolean fromBot) {
        links.put(messageId, new Link(root, fromBot));
    }

    /** The root of the chain {@code messageId} belongs to; a message not seen is its own root. */
    String rootOf(String messageId) {
        Link link = links.getIfPresent(messageId);
        return link == null ? messageId : link.root();
    }

    /** Whether the bot posted {@code messageId} (as far as this process remembers). */
    boolean isFromBot(@Nullable String messageId) {
        if (messageId == null) {
            return false;
        }
        Link link = links.getIfPresent(messageId);
        return link != null && link.fromBot();
    }
}
