package dev.parley.core.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that drives an {@link OutboundScheduler} for an adapter: it sends whatever the
 * limits allow, sleeps until the next send may go or a new one is enqueued, and repeats. Sends run
 * on this thread, never on the platform client's own threads.
 *
 * <p>{@link #close(Duration)} lets waiting sends drain for a while before the thread stops, so
 * replies in flight at shutdown still go out. Idempotent; enqueueing after close is an
 * {@link IllegalStateException}, offering is refused.
 */
public final class OutboundDriver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundDriver.class);
    /** How long the thread sleeps when nothing waits; an enqueue wakes it sooner. */
    private static final Duration IDLE = Duration.ofSeconds(5);

    private final OutboundScheduler scheduler;
    private final OutboundPause pause;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean woken;
    private boolean closing;
    private Instant drainUntil = Instant.MAX;

    /** A driver whose thread comes from {@code threads}; call {@link #start()} once. */
    public OutboundDriver(OutboundScheduler scheduler, ThreadFactory threads) {
        this(scheduler, threads, OutboundPause.REAL);
    }

    /**
     * A driver whose thread waits for a send that is not yet due through {@code pause} (idle waits,
     * with nothing queued, stay on the real condition); call {@link #start()} once.
     */
    public OutboundDriver(OutboundScheduler scheduler, ThreadFactory threads, OutboundPause pause) {
        this.scheduler = scheduler;
        this.pause = pause;
        this.thread = threads.newThread(this::loop);
    }

    /** Starts the sending thread. */
    public void start() {
        thread.start();
    }

    /**
     * Queues {@code send} for {@code target} and wakes the thread.
     *
     * @throws IllegalStateException once {@link #close(Duration)} has begun
     */
    public void enqueue(OutboundTarget target, OutboundSend send) {
        if (!offer(target, send)) {
            throw new IllegalStateException("the outbound driver is closed");
        }
    }

    /**
     * Queues {@code send} for {@code target} and wakes the thread, unless {@link #close(Duration)}
     * has begun: then nobody is left to send it, and it is dropped. Whether it was queued.
     */
    public boolean offer(OutboundTarget target, OutboundSend send) {
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            scheduler.enqueue(target, send);
            woken = true;
            wake.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The scheduler driven, for its figures. */
    public OutboundScheduler scheduler() {
        return scheduler;
    }

    /** Stops at once; sends still waiting are dropped. */
    @Override
    public void close() {
        close(Duration.ZERO);
    }

    /**
     * Stops taking sends, keeps sending what waits for up to {@code drain}, then stops the thread
     * and waits for it.
     */
    public void close(Duration drain) {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            drainUntil = scheduler.clock().instant().plus(drain);
            woken = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(drain.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the thread may stop: it is closing, and nothing waits or the drain time, on the
     * scheduler's clock, is over. Called with the lock held (or, in tests, on the closing thread).
     */
    boolean finished() {
        return closing && (scheduler.pending() == 0 || scheduler.clock().instant().isAfter(drainUntil));
    }

    private void loop() {
        while (true) {
            try {
                scheduler.runDue();
            } catch (RuntimeException e) {
                LOG.warn("outbound sends failed: {}", e.toString());
            }
            Optional<Duration> due = scheduler.nextDueIn();
            lock.lock();
            try {
                if (finished()) {
                    return;
                }
                if (!woken && due.isPresent()) {
                    pause.await(wake, due.get());
                } else if (!woken) {
                    OutboundPause.REAL.await(wake, IDLE);
                }
                woken = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }
}
