package dev.parley.core.privacy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who asked to be forgotten and may now confirm: {@code /forget me} asks, {@code /forget me confirm}
 * within {@link #window()} does it, once. Held in memory only: after a restart the user asks again,
 * which is the safe way round for something that cannot be undone. Thread-safe.
 */
public final class ForgetConfirmations {

    /** More pending asks than this and the expired ones are swept, so the map stays small. */
    private static final int SWEEP_ABOVE = 1_000;

    private final InstantSource clock;
    private final Duration window;
    private final Map<DataSubject, Instant> asked = new ConcurrentHashMap<>();

    public ForgetConfirmations(InstantSource clock, Duration window) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.window = window;
    }

    /** How long a confirmation is accepted after the ask. */
    public Duration window() {
        return window;
    }

    /** Records that {@code subject} asked; a confirmation is accepted until the window ends. */
    public void ask(DataSubject subject) {
        Instant now = clock.instant();
        if (asked.size() > SWEEP_ABOVE) {
            asked.values().removeIf(at -> expired(at, now));
        }
        asked.put(subject, now);
    }

    /** Whether {@code subject} asked within the window; a true answer uses the ask up. */
    public boolean confirm(DataSubject subject) {
        Instant at = asked.remove(subject);
        return at != null && !expired(at, clock.instant());
    }

    private boolean expired(Instant askedAt, Instant now) {
        return now.isAfter(askedAt.plus(window));
    }
}
