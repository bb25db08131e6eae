package dev.parley.telegram;

import dev.parley.core.ratelimit.OutboundScheduler;
import dev.parley.core.ratelimit.OutboundSend;
import dev.parley.core.ratelimit.OutboundTarget;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one thread (virtual) that sends what the {@link OutboundScheduler} lets go: it runs the due
 * sends, then sleeps until the next is due or something new is queued.
 */
final class OutboundDriver implements AutoCloseable {

    private static final Duration IDLE = Duration.ofMinutes(1);

    private final OutboundScheduler scheduler;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Condition ran = lock.newCondition();
    private boolean woken;
    private boolean closed;
    private final Thread thread;

    OutboundDriver(OutboundScheduler scheduler) {
        this.scheduler = scheduler;
        this.thread = Thread.ofVirtual().name("telegram-outbound").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Queues {@code send} for {@code target} and wakes the driver. */
    void enqueue(OutboundTarget target, OutboundSend send) {
        scheduler.enqueue(target, send);
        lock.lock();
        try {
            woken = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until nothing is left to send, at most {@code timeout}; whether everything went. */
    boolean drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (scheduler.pending() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return false;
                }
                ran.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            scheduler.runDue();
            Duration due = scheduler.nextDueIn().orElse(IDLE);
            lock.lock();
            try {
                ran.signalAll();
                if (closed) {
                    return;
                }
                if (!woken && !due.isZero()) {
                    wake.awaitNanos(due.toNanos());
                }
                woken = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Stops the driver; what is still queued is not sent. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread.getState() == Thread.State.NEW) {
            return; // never started (the adapter failed to start)
        }
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
