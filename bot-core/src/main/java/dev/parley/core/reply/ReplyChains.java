package dev.parley.core.reply;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which reply chain each recent message belongs to, and which messages are the bot's own, so a
 * reply continues the conversation it answers (each chain is a conversation of its own) and a
 * reply to the bot counts as addressing it. Ids are the adapter's, unique on its platform (a
 * Telegram adapter puts the chat into them). Bounded and forgetful
 * ({@link ReplyCaches#replyChains()} messages; a chain nobody touched for
 * {@link ReplyCaches#replyChainsIdle()} starts afresh): a reply to a forgotten message roots a new
 * chain at that message.
 */
public final class ReplyChains {

    private record Link(String root, boolean fromBot) {}

    private final Cache<String, Link> links;

    /** Chains within the bounds of {@code caches}. */
    public ReplyChains(ReplyCaches caches) {
        this.links = Caffeine.newBuilder().maximumSize(caches.replyChains())
                .expireAfterAccess(caches.replyChainsIdle()).build();
    }

    /** Records that {@code messageId} belongs to the chain starting at {@code root}. */
    public void remember(String messageId, String root, boolean fromBot) {
        links.put(Objects.requireNonNull(messageId, "messageId"), new Link(Objects.requireNonNull(root, "root"), fromBot));
    }

    /** The root of the chain {@code messageId} belongs to; a message not seen is its own root. */
    public String rootOf(String messageId) {
        Link link = links.getIfPresent(messageId);
        return link == null ? messageId : link.root();
    }

    /**
     * The chain a user's new message joins, remembered for it: the chain of the message it replies
     * to, or a chain of its own.
     */
    public String join(String messageId, @Nullable String replyTo) {
        String root = replyTo == null ? messageId : rootOf(replyTo);
        remember(messageId, root, false);
        return root;
    }

    /** Whether the bot posted {@code messageId} (as far as this process remembers). */
    public boolean isFromBot(@Nullable String messageId) {
        if (messageId == null) {
            return false;
        }
        Link link = links.getIfPresent(messageId);
        return link != null && link.fromBot();
    }
}
