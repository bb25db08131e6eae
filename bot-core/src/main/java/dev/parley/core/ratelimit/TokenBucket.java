package dev.parley.core.ratelimit;

import java.time.Duration;
import java.time.InstantSource;

/**
 * One token bucket. Time comes from an {@link InstantSource}, so tests move it by hand instead of
 * sleeping. Thread-safe.
 */
final class TokenBucket {

    private static final long NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();

    private final InstantSource clock;
    private final RateLimit limit;
    private double tokens;
    private long lastRefillNanos;

    TokenBucket(RateLimit limit, InstantSource clock) {
        this.limit = limit;
        this.clock = clock;
        this.tokens = limit.burst();
        this.lastRefillNanos = nanos();
    }

    RateLimit limit() {
        return limit;
    }

    /** Takes one token, or says how long until one is there. */
    synchronized Duration tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        double missing = 1 - tokens;
        long waitNanos = (long) Math.ceil(missing * NANOS_PER_MINUTE / limit.perMinute());
        return Duration.ofNanos(waitNanos);
    }

    private void refill() {
        long now = nanos();
        long elapsed = now - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(limit.burst(), tokens + (double) elapsed * limit.perMinute() / NANOS_PER_MINUTE);
            lastRefillNanos = now;
        }
    }

    private long nanos() {
        var instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
