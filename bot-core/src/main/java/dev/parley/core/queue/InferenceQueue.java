package dev.parley.core.queue;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded queue in front of the model: at most {@code slots} requests run at once, on platform
 * threads of their own (JNI calls pin virtual threads' carriers), and at most {@code capacity}
 * wait. A request over the bound is refused at once, never dropped silently.
 *
 * <p>First come, first served for now; fairness across users comes with the queue issue.
 */
public final class InferenceQueue implements AutoCloseable {

    private final ThreadPoolExecutor executor;
    private final int capacity;

    public InferenceQueue(int slots, int capacity) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, was " + slots);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.executor = new ThreadPoolExecutor(slots, slots, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity), namedThreads(), new ThreadPoolExecutor.AbortPolicy());
    }

    /** Queues a request. */
    public synchronized QueueAdmission submit(Runnable request) {
        int ahead = executor.getQueue().size();
        try {
            executor.execute(request);
            return new QueueAdmission.Queued(ahead);
        } catch (RejectedExecutionException full) {
            return new QueueAdmission.Full(capacity);
        }
    }

    /** Requests waiting for a slot. */
    public int waiting() {
        return executor.getQueue().size();
    }

    /** Requests running now. */
    public int running() {
        return executor.getActiveCount();
    }

    /**
     * Stops taking requests and waits up to {@code deadline} for queued and running ones.
     *
     * @return true if all finished in time
     */
    public boolean shutdown(Duration deadline) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "parley-inference-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
