package dev.parley.telegram;

import dev.parley.core.ratelimit.OutboundPause;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;

/**
 * An adapter's time that stands still until its sending thread asks to wait: each wait is noted
 * and passed at once by moving the clock on, so a test reads the pacing the adapter asked for
 * instead of measuring it.
 */
final class PacingClock implements InstantSource, OutboundPause {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public void await(Condition wake, Duration wait) {
        waits.add(wait);
        now.updateAndGet(at -> at.plus(wait));
    }

    /** The waits the sending thread asked for, in order. */
    List<Duration> waits() {
        return List.copyOf(waits);
    }
}
