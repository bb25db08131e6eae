package dev.parley.core.access;

import java.time.Instant;
import java.util.Objects;

/** One blocked prompt held against its author in a scope: when, and the moderation category that blocked it. */
public record Strike(String userId, Instant at, String reason) {

    public Strike {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
