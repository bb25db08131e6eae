package dev.parley.core.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * How much the {@link InferenceQueue} holds and for how long.
 *
 * @param slots requests run at once: the model's parallel slots
 * @param capacity requests that may wait in all; more are refused
 * @param perUser requests one user may have waiting in one scope; more are refused, so one person
 *     cannot fill the queue
 * @param maxWait a request still waiting after this long is removed and its author told
 */
public record QueueSettings(int slots, int capacity, int perUser, Duration maxWait) {

    /** Waits that never end, for queues whose requests have no deadline. */
    public static final Duration NO_DEADLINE = Duration.ofDays(365);

    public QueueSettings {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, was " + slots);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        if (perUser < 1) {
            throw new IllegalArgumentException("perUser must be at least 1, was " + perUser);
        }
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("maxWait must be positive, was " + maxWait);
        }
    }
}
