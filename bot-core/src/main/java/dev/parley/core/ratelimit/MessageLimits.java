package dev.parley.core.ratelimit;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.settings.ScopeKey;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The rate limits a message must pass: the configured {@link ScopeLimits} with the scope's
 * {@link LimitOverrides}, checked level by level ({@link LimitLevel}). Thread-safe.
 */
public final class MessageLimits {

    /**
     * Why a message was refused.
     *
     * @param level the limit that refused it
     * @param retryAfter when the author may ask again
     * @param firstInWindow whether this author has not been told yet in this window
     */
    public record Refusal(LimitLevel level, Duration retryAfter, boolean firstInWindow) {}

    private final RateLimiter limiter;
    private final ScopeLimits defaults;
    private final LimitOverrides overrides;

    public MessageLimits(RateLimiter limiter, ScopeLimits defaults, LimitOverrides overrides) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.overrides = Objects.requireNonNull(overrides, "overrides");
    }

    /** The limits that apply in {@code scope} now. */
    ScopeLimits limitsFor(ScopeKey scope) {
        return defaults.with(overrides.forScope(scope));
    }

    /**
     * Takes one message from each level's bucket, narrowest first; stops at the first level that
     * refuses (so wider buckets are not drawn from for a refused message).
     */
    public Optional<Refusal> check(InboundMessage message) {
        ScopeLimits limits = limitsFor(ScopeKey.of(message.location()));
        for (LimitLevel level : LimitLevel.values()) {
            RateLimit limit = level.limit(limits);
            if (limit != null && limiter.tryAcquire(level.bucket(message), limit,
                    message.author().id()) instanceof RateDecision.Limited limited) {
                return Optional.of(new Refusal(level, limited.retryAfter(), limited.firstInWindow()));
            }
        }
        return Optional.empty();
    }
}
