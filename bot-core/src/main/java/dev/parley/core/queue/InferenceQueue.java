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

    /** Queues a request; if the queue shuts down before it runs, it is {@linkplain QueuedRequest#abandon() abandoned}. */
    public synchronized QueueAdmission submit(QueuedRequest request) {
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

    /** Stops at once: running requests are interrupted, waiting ones abandoned (never silently dropped). */
    @Override
    public void close() {
        for (Runnable waiting : executor.shutdownNow()) {
            if (waiting instanceof QueuedRequest request) {
                request.abandon();
            }
        }
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
