package dev.parley.core.pipeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * The messages delivered within a recent window, so that one delivered twice (a Discord gateway
 * resume, a Telegram update sent again) is answered once. Bounded in count: under a flood the
 * oldest are forgotten first, which at worst lets a very late duplicate through. Thread-safe.
 */
final class SeenMessages {

    /** How long a delivered message is remembered. */
    static final Duration WINDOW = Duration.ofMinutes(10);
    /** The most messages remembered at once. */
    static final long MAX_REMEMBERED = 50_000;

    private final Cache<MessageRef, Boolean> seen;

    SeenMessages(Ticker ticker, Duration window, long maxRemembered) {
        this.seen = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(window)
                .maximumSize(maxRemembered)
                .executor(Runnable::run) // upkeep is cheap; doing it inline keeps the bound exact for tests
                .build();
    }

    /** Records {@code message}; whether this is its first delivery within the window. */
    boolean firstDelivery(MessageRef message) {
        return seen.asMap().putIfAbsent(message, Boolean.TRUE) == null;
    }

    /** Messages remembered now (after pending upkeep). */
    long size() {
        seen.cleanUp();
        return seen.estimatedSize();
    }
}
