package dev.parley.core.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key (a user, a channel, a server). Buckets of keys that were quiet for a while
 * are forgotten, which is safe because a forgotten bucket comes back full. Thread-safe.
 */
public final class RateLimiter {

    private final InstantSource clock;
    private final Cache<String, TokenBucket> buckets;
    /** Per key, who was told of a refusal since the key last admitted a message. */
    private final Map<String, Set<String>> told = new ConcurrentHashMap<>();

    /**
     * @param idleTimeout how long a quiet key's bucket is kept; at least the time it takes to refill
     */
    public RateLimiter(InstantSource clock, Ticker ticker, Duration idleTimeout, long maxKeys) {
        this.clock = clock;
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(idleTimeout)
                .maximumSize(maxKeys)
                .ticker(ticker)
                .removalListener((String key, TokenBucket bucket, RemovalCause cause) -> told.remove(key))
                .build();
    }

    /** Takes one message from {@code key}'s bucket under {@code limit}. */
    public RateDecision tryAcquire(String key, RateLimit limit) {
        return tryAcquire(key, limit, key);
    }

    /**
     * Takes one message from {@code key}'s bucket under {@code limit} for {@code asker}: a bucket
     * that several people share (a channel's, a server's) tells each of them once per window.
     */
    public RateDecision tryAcquire(String key, RateLimit limit, String asker) {
        TokenBucket bucket = buckets.asMap().compute(key, (k, old) ->
                old != null && old.limit().equals(limit) ? old : new TokenBucket(limit, clock));
        Duration wait = bucket.tryTake();
        if (wait.isZero()) {
            told.remove(key);
            return new RateDecision.Admitted();
        }
        boolean first = told.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(asker);
        return new RateDecision.Limited(wait, first);
    }
}
