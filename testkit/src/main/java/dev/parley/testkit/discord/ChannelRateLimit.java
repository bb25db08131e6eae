package dev.parley.testkit.discord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A sliding-window limit on messages sent or edited per channel, like Discord's per-channel
 * bucket (about 5 per 5 s), measured on the server's clock.
 */
final class ChannelRateLimit {

    /** Whether a send was let through, how many remain in the window, and when it frees a slot. */
    record Decision(boolean admitted, int limit, int remaining, Duration resetAfter) {}

    private final int limit;
    private final Duration window;
    private final Map<Long, Deque<Instant>> sends = new HashMap<>();

    ChannelRateLimit(int limit, Duration window) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.limit = limit;
        this.window = window;
    }

    synchronized Decision admit(long channelId, Instant now) {
        Deque<Instant> recent = sends.computeIfAbsent(channelId, id -> new ArrayDeque<>());
        while (!recent.isEmpty() && !recent.peekFirst().plus(window).isAfter(now)) {
            recent.removeFirst();
        }
        boolean admitted = recent.size() < limit;
        if (admitted) {
            recent.addLast(now);
        }
        Duration resetAfter = Duration.between(now, recent.peekFirst().plus(window));
        return new Decision(admitted, limit, limit - recent.size(), resetAfter);
    }
}
