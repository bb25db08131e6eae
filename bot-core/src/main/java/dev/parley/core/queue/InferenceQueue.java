package dev.parley.core.queue;

import dev.parley.core.model.ChatModel;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fair, bounded queue in front of the model. At most {@code slots} requests run at once, each
 * on a platform thread of its own (JNI calls pin virtual threads' carriers); waiting requests are
 * served in turns across scopes and, within a scope, across users ({@link FairLine}), so one
 * person's flood delays everyone else by at most one request per turn.
 *
 * <p>A queue made with the {@link ChatModel} it feeds starts a request only when the model has a
 * slot for it: the model's {@link ChatModel#busySlots() busy slots} (every user's streams, the
 * queue's own among them) plus the running requests that have not yet opened their stream
 * ({@link ModelSlot}) must stay below {@link ChatModel#parallelSlots()}. Other users of the model
 * (a moderation guard, a benchmark) thus never make a request wait inside the model, and a slot
 * that frees ({@link ChatModel#whenSlotFrees}) starts the next waiting request at once.
 *
 * <p>Nothing is dropped silently: a request over a bound is refused at once ({@link QueueAdmission});
 * one that waits past {@link QueueSettings#maxWait()} is {@linkplain QueuedRequest#expire() expired},
 * one withdrawn while waiting is {@linkplain QueuedRequest#cancel() cancelled}, and one still waiting
 * at {@link #close()} is {@linkplain QueuedRequest#abandon() abandoned}; none of them ever takes a
 * slot. Deadlines are checked whenever a request arrives or a slot frees, by idle workers about
 * every second, by {@link #expireOverdue()}, and, once {@link #sweepEvery} was called, by a
 * sweeper thread even while every slot is busy. Thread-safe.
 */
public final class InferenceQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceQueue.class);
    private static final long IDLE_SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long {@link #finish} waits for running requests it told to stop. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private enum State { OPEN, DRAINING, CLOSED }

    private final QueueSettings settings;
    private final InstantSource clock;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong anonymous = new AtomicLong();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final WaitingRequests line = new WaitingRequests();
    private final ModelRoom room;
    private final Withdrawals withdrawals;
    private final QueueCounts counts = new QueueCounts();
    private State state = State.OPEN;

    /** A queue without deadlines, where requests without a key count as one user's. */
    public InferenceQueue(int slots, int capacity) {
        this(new QueueSettings(slots, capacity, capacity, QueueSettings.NO_DEADLINE), InstantSource.system());
    }

    /**
     * A queue whose deadlines are read from {@code clock}, that runs {@code settings.slots()}
     * requests at once whatever else uses the model.
     */
    public InferenceQueue(QueueSettings settings, InstantSource clock) {
        this(null, settings, clock);
    }

    /**
     * A queue whose deadlines are read from {@code clock}, that feeds {@code model} only as many
     * requests as it has free slots (and never more than {@code settings.slots()}).
     */
    public InferenceQueue(QueueSettings settings, InstantSource clock, ChatModel model) {
        this(Objects.requireNonNull(model, "model"), settings, clock);
    }

    private InferenceQueue(@Nullable ChatModel model, QueueSettings settings, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
        this.room = new ModelRoom(lock, work, settings.slots(), model);
        this.withdrawals = new Withdrawals(lock, line, room);
        if (model != null) {
            model.whenSlotFrees(room::slotFreed);
        }
        for (int i = 1; i <= settings.slots(); i++) {
            Thread worker = new Thread(this::work, "parley-inference-" + i);
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
    }

    public QueueSettings settings() {
        return settings;
    }

    /** Queues a request that needs no word when it is abandoned at shutdown. */
    public QueueAdmission submit(Runnable request) {
        return submit(new QueuedRequest() {
            @Override
            public void run() {
                request.run();
            }

            @Override
            public void abandon() {}
        });
    }

    /** Queues a request without an author; all such requests share one turn. */
    public QueueAdmission submit(QueuedRequest request) {
        return submit(new RequestKey("", "", "", "anonymous-" + anonymous.incrementAndGet()), request);
    }

    /**
     * Queues {@code request}, or refuses it at once if the queue or its user's share is full or the
     * queue is shut down. A refused request is never called.
     */
    public QueueAdmission submit(RequestKey key, QueuedRequest request) {
        List<QueueEntry> overdue;
        QueueAdmission admission;
        lock.lock();
        try {
            Instant now = clock.instant();
            overdue = removeOverdue(now);
            if (state != State.OPEN || line.size() >= settings.capacity()) {
                counts.refusedFull();
                admission = new QueueAdmission.Full(settings.capacity());
            } else if (line.waitingFor(key) >= settings.perUser()) {
                counts.refusedPerUser();
                admission = new QueueAdmission.TooManyWaiting(settings.perUser());
            } else {
                int ahead = line.aheadOfNext(key);
                line.add(new QueueEntry(key, request, now, deadline(now)));
                work.signal();
                admission = new QueueAdmission.Queued(ahead);
            }
        } finally {
            lock.unlock();
        }
        QueueEntry.tell(overdue, QueuedRequest::expire);
        return admission;
    }

    private Instant deadline(Instant now) {
        try {
            return now.plus(settings.maxWait());
        } catch (ArithmeticException e) {
            return Instant.MAX;
        }
    }

    /**
     * Withdraws the requests {@code asker}'s author made in its conversation: waiting ones are
     * removed and {@linkplain QueuedRequest#cancel() cancelled}, running ones told to
     * {@linkplain QueuedRequest#stop() stop}. {@code asker}'s message id is not compared.
     */
    public Withdrawal withdraw(RequestKey asker) {
        return withdrawals.ofAsker(asker);
    }

    /** Withdraws the request answering message {@code messageId}, as {@link #withdraw} does (its message was deleted). */
    public Withdrawal withdrawMessage(String messageId) {
        return withdrawals.ofMessage(messageId);
    }

    /**
     * Withdraws {@code request} itself, as {@link #withdraw} does: removed and
     * {@linkplain QueuedRequest#cancel() cancelled} if it waits, told to
     * {@linkplain QueuedRequest#stop() stop} if it runs; nothing if it is done or was never taken.
     */
    public Withdrawal withdrawRequest(QueuedRequest request) {
        return withdrawals.ofRequest(request);
    }

    /** Expires the requests that waited past their deadline now; returns how many. */
    public int expireOverdue() {
        List<QueueEntry> overdue = underLock(() -> removeOverdue(clock.instant()));
        QueueEntry.tell(overdue, QueuedRequest::expire);
        return overdue.size();
    }

    /**
     * Starts a daemon thread that {@linkplain #expireOverdue() expires} overdue requests every
     * {@code period} of real time until the queue is closed, so that a user whose request waited
     * too long is told even while every slot is busy. Production calls this; tests call
     * {@link #expireOverdue()} themselves after moving their clock.
     */
    public void sweepEvery(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        Thread.ofVirtual().name("parley-queue-sweeper").start(() -> {
            while (!finished()) {
                try {
                    Thread.sleep(period);
                } catch (InterruptedException e) {
                    return;
                }
                expireOverdue();
            }
        });
    }

    /** Requests waiting for a slot. */
    public int waiting() {
        return underLock(line::size);
    }

    /** Requests running now. */
    public int running() {
        return underLock(room::running);
    }

    /** The queue's figures now. */
    public QueueStats stats() {
        return underLock(() -> counts.stats(line.size(), room.running(), withdrawals.count()));
    }

    /** Reads a figure consistently with the queue's other state. */
    private <T> T underLock(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking requests and waits up to {@code deadline} for queued and running ones.
     *
     * @return true if all finished in time
     */
    public boolean shutdown(Duration deadline) throws InterruptedException {
        lock.lock();
        try {
            if (state == State.OPEN) {
                state = State.DRAINING;
            }
            work.signalAll();
        } finally {
            lock.unlock();
        }
        return awaitWorkers(deadline);
    }

    /**
     * Shuts down gracefully: stops taking requests, {@linkplain QueuedRequest#abandon() abandons}
     * the waiting ones at once (so their authors hear now rather than after the grace), lets the
     * running ones finish for up to {@code grace}, tells those still running to
     * {@linkplain QueuedRequest#stop() stop}, and {@linkplain #close() closes}.
     *
     * @return true if every running request finished within {@code grace}
     */
    public boolean finish(Duration grace) throws InterruptedException {
        List<QueueEntry> waiting;
        lock.lock();
        try {
            if (state == State.OPEN) {
                state = State.DRAINING;
            }
            waiting = takeWaiting();
        } finally {
            lock.unlock();
        }
        QueueEntry.tell(waiting, QueuedRequest::abandon);
        boolean inTime = awaitWorkers(grace);
        if (!inTime) {
            QueueEntry.tell(underLock(() -> room.running(entry -> true)), QueuedRequest::stop);
            awaitWorkers(STOP_GRACE); // a stopped request ends at its next token; close() interrupts the rest
        }
        close();
        return inTime;
    }

    /**
     * Takes every waiting request out of the line, counted as abandoned, and wakes the workers to
     * see the new state; the caller holds the lock, and tells the requests once it has let go of it.
     */
    private List<QueueEntry> takeWaiting() {
        List<QueueEntry> waiting = line.removeAll();
        counts.abandoned(waiting.size());
        work.signalAll();
        return waiting;
    }

    /** Waits up to {@code deadline} for the workers to end; whether all did. */
    private boolean awaitWorkers(Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        for (Thread worker : workers) {
            long left = end - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(worker, left);
            }
        }
        return workers.stream().noneMatch(Thread::isAlive);
    }

    /** Stops at once: running requests are interrupted, waiting ones abandoned (never silently dropped). Idempotent. */
    @Override
    public void close() {
        List<QueueEntry> waiting;
        lock.lock();
        try {
            state = State.CLOSED;
            waiting = takeWaiting();
        } finally {
            lock.unlock();
        }
        workers.forEach(Thread::interrupt);
        QueueEntry.tell(waiting, QueuedRequest::abandon);
    }

    private void work() {
        while (true) {
            List<QueueEntry> overdue = new ArrayList<>();
            QueueEntry next;
            try {
                next = take(overdue);
            } catch (InterruptedException e) {
                next = null;
            }
            QueueEntry.tell(overdue, QueuedRequest::expire);
            if (next != null) {
                run(next);
            } else if (finished()) {
                return;
            }
        }
    }

    /**
     * The next request, now marked running; or null when requests expired (they are in
     * {@code overdue}, to be told outside the lock) or when the worker should check whether to stop.
     */
    private @Nullable QueueEntry take(List<QueueEntry> overdue) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                Instant now = clock.instant();
                overdue.addAll(removeOverdue(now));
                if (state == State.CLOSED) {
                    return null;
                }
                QueueEntry next = !line.isEmpty() && room.hasRoom() ? line.poll() : null;
                if (next != null) {
                    room.start(next);
                    counts.started(Math.max(0, Duration.between(next.queuedAt, now).toNanos()));
                    return next;
                }
                if ((state == State.DRAINING && line.isEmpty()) || !overdue.isEmpty()) {
                    return null;
                }
                // woken by a new request, a freed slot, an opened stream, or the idle sweep
                work.awaitNanos(IDLE_SWEEP_NANOS);
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean finished() {
        return underLock(() -> state == State.CLOSED || (state == State.DRAINING && line.isEmpty()));
    }

    private void run(QueueEntry entry) {
        try {
            entry.request.run(() -> room.streamOpened(entry));
        } catch (RuntimeException | Error e) {
            LOG.error("a queued request failed: " + entry.key.messageId(), e);
        } finally {
            lock.lock();
            try {
                room.end(entry);
                line.ran(entry);
                work.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Removes waiting entries past their deadline; under the lock. */
    private List<QueueEntry> removeOverdue(Instant now) {
        List<QueueEntry> overdue = line.removeOverdue(now);
        counts.expired(overdue.size());
        return overdue;
    }
}
