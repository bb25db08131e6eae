package dev.parley.core.ratelimit;

import org.jspecify.annotations.Nullable;

/**
 * The rate limits the admins of one scope have set in place of the configured ones; a null level
 * keeps the configured limit.
 */
public record LimitOverride(@Nullable RateLimit user, @Nullable RateLimit channel, @Nullable RateLimit server) {

    /** A scope whose admins changed nothing. */
    public static final LimitOverride NONE = new LimitOverride(null, null, null);
}
