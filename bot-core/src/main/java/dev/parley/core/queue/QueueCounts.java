package dev.parley.core.queue;

import java.time.Duration;

/**
 * The {@link InferenceQueue}'s totals since it began, from which {@link QueueStats} are read. Not
 * thread-safe: the queue counts under its lock.
 */
final class QueueCounts {

    private long started;
    private long totalWaitNanos;
    private long longestWaitNanos;
    private long refusedFull;
    private long refusedPerUser;
    private long expired;
    private long abandoned;

    /** A request started after waiting {@code waitedNanos}. */
    void started(long waitedNanos) {
        started++;
        totalWaitNanos += waitedNanos;
        longestWaitNanos = Math.max(longestWaitNanos, waitedNanos);
    }

    void refusedFull() {
        refusedFull++;
    }

    void refusedPerUser() {
        refusedPerUser++;
    }

    void expired(int requests) {
        expired += requests;
    }

    void abandoned(int requests) {
        abandoned += requests;
    }

    /** The figures with the queue's present {@code waiting} and {@code running} requests. */
    QueueStats stats(int waiting, int running, long withdrawn) {
        return new QueueStats(waiting, running, started, Duration.ofNanos(totalWaitNanos),
                Duration.ofNanos(longestWaitNanos), refusedFull, refusedPerUser, expired, withdrawn, abandoned);
    }
}
