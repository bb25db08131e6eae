package dev.parley.core.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Lets one notice through per key and interval, so that a refused user cannot make the bot post
 * a notice for every message they send. Kept in memory: a restart may repeat one notice.
 */
final class NoticeThrottle {

    private final Cache<Object, Boolean> told;

    NoticeThrottle(Duration interval, InstantSource clock) {
        this.told = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(interval)
                .ticker(() -> {
                    Instant now = clock.instant();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                })
                .build();
    }

    /** Whether a notice for {@code key} may go out now; if so, the next one waits for the interval. */
    boolean mayTell(Object key) {
        return told.asMap().putIfAbsent(key, Boolean.TRUE) == null;
    }

    /** Lets the next notice for {@code key} through at once (after the state it told of changed). */
    void forget(Object key) {
        told.invalidate(key);
    }
}
