package dev.parley.core.ratelimit;

import java.time.Duration;
import java.util.concurrent.locks.Condition;

/**
 * How an {@link OutboundDriver}'s thread waits until the next send may go: the one seam between
 * the pacing and the wall clock, so that a test can see each wait asked for and move its clock
 * instead of sleeping.
 */
@FunctionalInterface
public interface OutboundPause {

    /** The real wait: up to {@code wait} on the driver's condition, sooner if an enqueue signals it. */
    OutboundPause REAL = (wake, wait) -> wake.awaitNanos(Math.max(1, wait.toNanos()));

    /**
     * Waits up to {@code wait} for the next send to be due, or until {@code wake} is signalled.
     * Called on the driver's thread with the lock of {@code wake} held.
     */
    void await(Condition wake, Duration wait) throws InterruptedException;
}
