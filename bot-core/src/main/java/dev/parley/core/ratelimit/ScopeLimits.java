package dev.parley.core.ratelimit;

import org.jspecify.annotations.Nullable;

/**
 * The rate limits that apply in one scope: each user, each channel and the whole scope (a server,
 * a Telegram chat) has a bucket of its own. A null limit means no limit at that level.
 */
public record ScopeLimits(@Nullable RateLimit user, @Nullable RateLimit channel, @Nullable RateLimit server) {

    /** Only a per-user limit. */
    public static ScopeLimits perUser(RateLimit user) {
        return new ScopeLimits(user, null, null);
    }

    /** These limits with the levels {@code override} sets replaced. */
    public ScopeLimits with(LimitOverride override) {
        return new ScopeLimits(
                override.user() == null ? user : override.user(),
                override.channel() == null ? channel : override.channel(),
                override.server() == null ? server : override.server());
    }
}
