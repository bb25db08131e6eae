package dev.parley.core.queue;

import java.time.Duration;

/**
 * The queue's figures at one moment, for metrics: gauges ({@code waiting}, {@code running}) and
 * counters since start.
 *
 * @param waiting requests waiting for a slot
 * @param running requests running now
 * @param started requests that got a slot
 * @param totalWait time the started requests waited, summed (divide by {@code started} for the mean)
 * @param longestWait the longest any started request waited
 * @param refusedFull requests refused because the queue was full or shut down
 * @param refusedPerUser requests refused because their user had too many waiting
 * @param expired requests removed after waiting past their deadline
 * @param withdrawn requests removed while waiting ({@code /stop}, deleted message)
 * @param abandoned requests told at shutdown that they would never run
 */
public record QueueStats(int waiting, int running, long started, Duration totalWait, Duration longestWait,
        long refusedFull, long refusedPerUser, long expired, long withdrawn, long abandoned) {}
