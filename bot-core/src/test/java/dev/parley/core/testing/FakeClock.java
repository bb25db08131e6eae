package dev.parley.core.testing;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A clock that only moves when a test moves it: an {@link InstantSource} for the rate limiter and
 * the audit log, and a Caffeine {@link Ticker} for cache expiry, both reading the same time.
 */
public final class FakeClock implements InstantSource, Ticker {

    private volatile Instant now;

    public FakeClock(Instant start) {
        this.now = start;
    }

    public FakeClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public long read() {
        Instant at = now;
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }
}
