package dev.parley.core.queue;

import dev.parley.core.model.ChatModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The {@link InferenceQueue}'s running requests and the model slots they take: whether one more
 * may start, given at most {@code slots} at once and, when the queue feeds a {@link ChatModel},
 * the model's busy slots plus the running requests whose stream is not open yet (the model does
 * not count those) below its parallel slots. It wakes the queue's workers when a slot frees or a
 * stream opens. Shares the queue's lock: the methods that say so are called under it.
 */
final class ModelRoom {

    private final ReentrantLock lock;
    private final Condition work;
    private final int slots;
    private final @Nullable ChatModel model;
    private final Set<QueueEntry> running = new LinkedHashSet<>();
    /** Running entries that have not said their stream is open: the model does not count them yet. */
    private int unopened;

    /** {@code work} is the condition of {@code lock} the queue's workers wait on. */
    ModelRoom(ReentrantLock lock, Condition work, int slots, @Nullable ChatModel model) {
        this.lock = lock;
        this.work = work;
        this.slots = slots;
        this.model = model;
    }

    /** Whether one more request may start now. Under the lock. */
    boolean hasRoom() {
        if (running.size() >= slots) {
            return false;
        }
        return model == null || model.busySlots() + unopened < model.parallelSlots();
    }

    /** {@code entry} starts: it takes a slot, uncounted by the model until its stream opens. Under the lock. */
    void start(QueueEntry entry) {
        running.add(entry);
        unopened++;
    }

    /** {@code entry} ended: its slot is free. Under the lock; the caller wakes the workers. */
    void end(QueueEntry entry) {
        if (running.remove(entry) && !entry.streamOpened) {
            unopened--;
        }
    }

    /** {@code entry}'s stream is open, so the model's busy count holds it from now on. Takes the lock. */
    void streamOpened(QueueEntry entry) {
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

    /** The model freed a slot (any user's): a waiting request may start. Takes the lock. */
    void slotFreed() {
        lock.lock();
        try {
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Requests running now. Under the lock. */
    int running() {
        return running.size();
    }

    /** The running requests {@code which} picks, in the order they started. Under the lock. */
    List<QueueEntry> running(Predicate<QueueEntry> which) {
        List<QueueEntry> picked = new ArrayList<>();
        for (QueueEntry entry : running) {
            if (which.test(entry)) {
                picked.add(entry);
            }
        }
        return picked;
    }

    /** Whether {@code entry} runs now. Under the lock. */
    boolean runs(QueueEntry entry) {
        return running.contains(entry);
    }
}
