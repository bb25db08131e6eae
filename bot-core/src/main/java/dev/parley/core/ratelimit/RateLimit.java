package dev.parley.core.ratelimit;

/**
 * A token-bucket limit: {@code perMinute} messages refill evenly over a minute, and up to
 * {@code burst} may be sent at once after a quiet spell.
 */
public record RateLimit(int perMinute, int burst) {

    public RateLimit {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1, was " + perMinute);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, was " + burst);
        }
    }
}
