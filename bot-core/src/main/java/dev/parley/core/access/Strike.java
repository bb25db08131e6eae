package dev.parley.core.access;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One blocked prompt held against its author in a scope: when, the moderation category that
 * blocked it, and the blocked message's id.
 *
 * @param messageId the blocked message, so a review that finds the block wrong can withdraw this
 *     strike; null for strikes kept before messages were recorded with them
 */
public record Strike(String userId, Instant at, String reason, @Nullable String messageId) {

    public Strike {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }

    /** A strike that names no message. */
    public Strike(String userId, Instant at, String reason) {
        this(userId, at, reason, null);
    }
}
