package dev.parley.app;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The system's time plus however far a test moved it: registered in the application in place of
 * the system clock. It keeps running (the outbound pacing waits on it) and jumps when told.
 */
final class TestClock implements InstantSource {

    private final Instant base = Instant.now();
    private final long baseNanos = System.nanoTime();
    private volatile Duration moved = Duration.ZERO;

    synchronized void advance(Duration by) {
        moved = moved.plus(by);
    }

    @Override
    public Instant instant() {
        return base.plusNanos(System.nanoTime() - baseNanos).plus(moved);
    }
}
