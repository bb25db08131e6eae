package dev.parley.core.reply;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The reply of each recent question, kept so that an edit of the question rewrites the same reply
 * instead of posting a new one. Each reply holds its text, so few are kept
 * ({@link ReplyCaches#editedReplies()}, each for {@link ReplyCaches#editedRepliesFor()} after it
 * was kept): an edit of a forgotten question gets a new reply. Ids are the adapter's, unique on its
 * platform. Thread-safe.
 *
 * @param <S> the adapter's reply sink
 */
public final class EditableReplies<S> {

    private final Cache<String, S> replies;

    /** Replies kept within the bounds of {@code caches}, timed by the system's clock. */
    public EditableReplies(ReplyCaches caches) {
        this(caches, Ticker.systemTicker());
    }

    /** Replies kept within the bounds of {@code caches}, timed by {@code ticker}. */
    public EditableReplies(ReplyCaches caches, Ticker ticker) {
        this.replies = Caffeine.newBuilder().maximumSize(caches.editedReplies())
                .expireAfterWrite(caches.editedRepliesFor()).ticker(ticker).build();
    }

    /** Keeps {@code reply} as the reply to question {@code questionId}, in place of an earlier one. */
    public void keep(String questionId, S reply) {
        replies.put(Objects.requireNonNull(questionId, "questionId"), Objects.requireNonNull(reply, "reply"));
    }

    /** The reply kept for question {@code questionId}, or null if it has none or it was forgotten. */
    public @Nullable S replyTo(String questionId) {
        return replies.getIfPresent(questionId);
    }
}
