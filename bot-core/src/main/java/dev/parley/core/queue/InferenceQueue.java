package dev.parley.core.queue;

import dev.parley.core.model.ChatModel;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
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
    private final @Nullable ChatModel model;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong anonymous = new AtomicLong();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final WaitingRequests line = new WaitingRequests();
    private final Set<QueueEntry> running = new LinkedHashSet<>();
    /** Running entries that have not said their stream is open: the model does not count them yet. */
    private int unopened;
    private State state = State.OPEN;
    private long started;
    private long totalWaitNanos;
    private long longestWaitNanos;
    private long refusedFull;
    private long refusedPerUser;
    private long expired;
    private long withdrawn;
    private long abandoned;

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
        this.model = model;
        if (model != null) {
            model.whenSlotFrees(this::slotFreed);
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
                refusedFull++;
                admission = new QueueAdmission.Full(settings.capacity());
            } else if (line.waitingFor(key) >= settings.perUser()) {
                refusedPerUser++;
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
        tell(overdue, QueuedRequest::expire);
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
        List<QueueEntry> removed;
        List<QueueEntry> stopping = new ArrayList<>();
        lock.lock();
        try {
            removed = line.removeAsker(asker);
            withdrawn += removed.size();
            for (QueueEntry entry : running) {
                if (entry.key.sameAskerAndConversation(asker)) {
                    stopping.add(entry);
                }
            }
        } finally {
            lock.unlock();
        }
        tell(removed, QueuedRequest::cancel);
        tell(stopping, QueuedRequest::stop);
        return new Withdrawal(removed.size(), stopping.size());
    }

    /** Withdraws the request answering message {@code messageId}, as {@link #withdraw} does (its message was deleted). */
    public Withdrawal withdrawMessage(String messageId) {
        QueueEntry entry;
        boolean wasWaiting = false;
        boolean isRunning = false;
        lock.lock();
        try {
            entry = line.byMessage(messageId);
            if (entry != null && line.remove(entry)) {
                withdrawn++;
                wasWaiting = true;
            } else if (entry != null) {
                isRunning = running.contains(entry);
            }
        } finally {
            lock.unlock();
        }
        if (wasWaiting) {
            tell(List.of(entry), QueuedRequest::cancel);
        } else if (isRunning) {
            tell(List.of(entry), QueuedRequest::stop);
        }
        return new Withdrawal(wasWaiting ? 1 : 0, isRunning ? 1 : 0);
    }

    /**
     * Withdraws {@code request} itself, as {@link #withdraw} does: removed and
     * {@linkplain QueuedRequest#cancel() cancelled} if it waits, told to
     * {@linkplain QueuedRequest#stop() stop} if it runs; nothing if it is done or was never taken.
     */
    public Withdrawal withdrawRequest(QueuedRequest request) {
        QueueEntry waiting = null;
        QueueEntry runningEntry = null;
        lock.lock();
        try {
            waiting = line.find(request);
            if (waiting != null) {
                line.remove(waiting);
                withdrawn++;
            } else {
                for (QueueEntry entry : running) {
                    if (entry.request == request) {
                        runningEntry = entry;
                        break;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        if (waiting != null) {
            tell(List.of(waiting), QueuedRequest::cancel);
        } else if (runningEntry != null) {
            tell(List.of(runningEntry), QueuedRequest::stop);
        }
        return new Withdrawal(waiting != null ? 1 : 0, runningEntry != null ? 1 : 0);
    }

    /** Expires the requests that waited past their deadline now; returns how many. */
    public int expireOverdue() {
        List<QueueEntry> overdue;
        lock.lock();
        try {
            overdue = removeOverdue(clock.instant());
        } finally {
            lock.unlock();
        }
        tell(overdue, QueuedRequest::expire);
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
        return underLock(running::size);
    }

    /** The queue's figures now. */
    public QueueStats stats() {
        return underLock(() -> new QueueStats(line.size(), running.size(), started, Duration.ofNanos(totalWaitNanos),
                Duration.ofNanos(longestWaitNanos), refusedFull, refusedPerUser, expired, withdrawn, abandoned));
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
        long end = System.nanoTime() + deadline.toNanos();
        for (Thread worker : workers) {
            long left = end - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(worker, left);
            }
        }
        return workers.stream().noneMatch(Thread::isAlive);
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
        tell(waiting, QueuedRequest::abandon);
        boolean inTime = awaitWorkers(grace);
        if (!inTime) {
            List<QueueEntry> stopping;
            lock.lock();
            try {
                stopping = List.copyOf(running);
            } finally {
                lock.unlock();
            }
            tell(stopping, QueuedRequest::stop);
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
        abandoned += waiting.size();
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
        tell(waiting, QueuedRequest::abandon);
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
            tell(overdue, QueuedRequest::expire);
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
                QueueEntry next = !line.isEmpty() && modelHasRoom() ? line.poll() : null;
                if (next != null) {
                    running.add(next);
                    unopened++;
                    long waited = Math.max(0, Duration.between(next.queuedAt, now).toNanos());
                    started++;
                    totalWaitNanos += waited;
                    longestWaitNanos = Math.max(longestWaitNanos, waited);
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

    /**
     * Whether one more request may start: fewer than {@code slots} run, and the model's busy
     * slots plus the running requests it does not count yet leave one free. Under the lock.
     */
    private boolean modelHasRoom() {
        if (running.size() >= settings.slots()) {
            return false;
        }
        return model == null || model.busySlots() + unopened < model.parallelSlots();
    }

    /** The model freed a slot (any user's): a waiting request may start. */
    private void slotFreed() {
        lock.lock();
        try {
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** {@code entry}'s stream is open, so the model's busy count holds it from now on. */
    private void streamOpened(QueueEntry entry) {
        lock.lock();
        try {
            if (!entry.streamOpened && running.contains(entry)) {
                entry.streamOpened = true;
                unopened--;
                work.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean finished() {
        lock.lock();
        try {
            return state == State.CLOSED || (state == State.DRAINING && line.isEmpty());
        } finally {
            lock.unlock();
        }
    }

    private void run(QueueEntry entry) {
        try {
            entry.request.run(() -> streamOpened(entry));
        } catch (RuntimeException | Error e) {
            LOG.error("a queued request failed: " + entry.key.messageId(), e);
        } finally {
            lock.lock();
            try {
                running.remove(entry);
                if (!entry.streamOpened) {
                    unopened--;
                }
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
        expired += overdue.size();
        return overdue;
    }

    /** Calls each request outside the lock; one failing call does not keep the others from being told. */
    private static void tell(List<QueueEntry> entries, Consumer<QueuedRequest> call) {
        for (QueueEntry entry : entries) {
            try {
                call.accept(entry.request);
            } catch (RuntimeException e) {
                LOG.warn("telling a queued request failed: " + entry.key.messageId(), e);
            }
        }
    }
}
