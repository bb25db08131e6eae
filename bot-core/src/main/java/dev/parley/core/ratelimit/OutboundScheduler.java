package dev.parley.core.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reply side's pacing: sends wait here until every platform limit of their target has room
 * and no 429 pause holds, then go out in order per target and in turns across targets.
 *
 * <p>Platform adapters {@linkplain #enqueue enqueue} from any thread and drive it from one thread
 * of their own: call {@link #runDue()}, then wait {@link #nextDueIn()} (or until the next
 * enqueue) and repeat. Time comes from an {@link InstantSource}, so tests move it by hand.
 */
public final class OutboundScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundScheduler.class);

    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock driver = new ReentrantLock();
    private final Map<String, Line> lines = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<Instant>> windows = new HashMap<>();
    private Instant globalPauseUntil = Instant.MIN;
    private long sent;
    private long retried;
    private long failed;

    private static final class Line {
        final OutboundTarget target;
        final ArrayDeque<OutboundSend> sends = new ArrayDeque<>();
        Instant pausedUntil = Instant.MIN;

        Line(OutboundTarget target) {
            this.target = target;
        }
    }

    public OutboundScheduler(InstantSource clock) {
        this.clock = clock;
    }

    /** The time the sends are paced by; the driver's drain deadline is read from it too. */
    InstantSource clock() {
        return clock;
    }

    /** Queues {@code send} behind the target's earlier sends. */
    public void enqueue(OutboundTarget target, OutboundSend send) {
        lock.lock();
        try {
            lines.computeIfAbsent(target.id(), id -> new Line(target)).sends.addLast(send);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends everything the limits allow now, one send per target per turn; returns how many went
     * out. Called from one thread at a time (the adapter's driver).
     */
    int runDue() {
        if (!driver.tryLock()) {
            throw new IllegalStateException("runDue is already running on another thread");
        }
        try {
            int count = 0;
            boolean progress = true;
            while (progress) {
                progress = false;
                for (Line line : dueLines()) {
                    OutboundSend send = takeTurn(line);
                    if (send == null) {
                        continue;
                    }
                    progress = true;
                    SendResult result = attempt(send);
                    if (settle(line, send, result)) {
                        count++;
                    }
                }
            }
            return count;
        } finally {
            driver.unlock();
        }
    }

    /** How long until a waiting send may go; empty when nothing waits. */
    Optional<Duration> nextDueIn() {
        lock.lock();
        try {
            Instant now = clock.instant();
            Instant earliest = null;
            for (Line line : lines.values()) {
                Instant at = allowedAt(line, now);
                earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
            }
            return earliest == null ? Optional.empty()
                    : Optional.of(earliest.isAfter(now) ? Duration.between(now, earliest) : Duration.ZERO);
        } finally {
            lock.unlock();
        }
    }

    /** Sends waiting, over all targets. */
    public int pending() {
        lock.lock();
        try {
            return lines.values().stream().mapToInt(line -> line.sends.size()).sum();
        } finally {
            lock.unlock();
        }
    }

    /** Sends the platform took, since start. */
    public long sent() {
        return read(() -> sent);
    }

    /** 429 answers honoured (each paused a target or everything), since start. */
    public long retried() {
        return read(() -> retried);
    }

    /** Sends the platform refused for good and that were dropped, since start. */
    public long failed() {
        return read(() -> failed);
    }

    private long read(LongSupplier figure) {
        lock.lock();
        try {
            return figure.getAsLong();
        } finally {
            lock.unlock();
        }
    }

    private List<Line> dueLines() {
        lock.lock();
        try {
            return new ArrayList<>(lines.values());
        } finally {
            lock.unlock();
        }
    }

    /** The line's next send if every limit has room now, its use of each window booked; else null. */
    private @Nullable OutboundSend takeTurn(Line line) {
        lock.lock();
        try {
            Instant now = clock.instant();
            OutboundSend next = line.sends.peekFirst();
            if (next == null || allowedAt(line, now).isAfter(now)) {
                return null;
            }
            for (OutboundLimit limit : line.target.limits()) {
                windows.computeIfAbsent(limit.key(), key -> new ArrayDeque<>()).addLast(now);
            }
            return next;
        } finally {
            lock.unlock();
        }
    }

    private static SendResult attempt(OutboundSend send) {
        try {
            return send.send();
        } catch (RuntimeException e) {
            return new SendResult.Failed(String.valueOf(e.getMessage()));
        }
    }

    /** Records the result; whether the send is done with (taken, or refused for good). */
    private boolean settle(Line line, OutboundSend send, SendResult result) {
        lock.lock();
        try {
            switch (result) {
                case SendResult.Sent ok -> {
                    sent++;
                    line.sends.removeFirst();
                }
                case SendResult.RetryAfter retry -> {
                    retried++;
                    Instant until = clock.instant().plus(retry.delay());
                    if (retry.global()) {
                        globalPauseUntil = later(globalPauseUntil, until);
                    } else {
                        line.pausedUntil = later(line.pausedUntil, until);
                    }
                }
                case SendResult.Failed refused -> {
                    failed++;
                    line.sends.removeFirst();
                    LOG.warn("send to {} failed: {}", line.target.id(), refused.reason());
                }
            }
            if (line.sends.isEmpty()) {
                lines.remove(line.target.id(), line);
            }
            return !(result instanceof SendResult.RetryAfter);
        } finally {
            lock.unlock();
        }
    }

    /** When the line's next send may go: after any pause, and once every window has room. Under the lock. */
    private Instant allowedAt(Line line, Instant now) {
        Instant at = later(globalPauseUntil, line.pausedUntil);
        for (OutboundLimit limit : line.target.limits()) {
            ArrayDeque<Instant> window = windows.get(limit.key());
            if (window == null) {
                continue;
            }
            Instant cutoff = now.minus(limit.per());
            while (!window.isEmpty() && !window.peekFirst().isAfter(cutoff)) {
                window.removeFirst();
            }
            if (window.isEmpty()) {
                windows.remove(limit.key());
            } else if (window.size() >= limit.sends()) {
                // room again once the oldest send that still counts leaves the window
                Instant[] inWindow = window.toArray(Instant[]::new);
                at = later(at, inWindow[window.size() - limit.sends()].plus(limit.per()));
            }
        }
        return at;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
