package dev.parley.core.queue;

/**
 * Work waiting for a model slot. Exactly one of {@link #run()}, {@link #abandon()},
 * {@link #expire()} and {@link #cancel()} is called for every request the queue took, so its
 * author is always told something.
 */
public interface QueuedRequest extends Runnable {

    /**
     * Runs the request in its turn. A request that generates calls {@link ModelSlot#streamOpened()}
     * once its model stream is open; until then the queue counts it as needing a model slot of
     * its own. By default calls {@link #run()}, for requests that never say (the queue then counts
     * them as needing a slot until they end).
     */
    default void run(ModelSlot slot) {
        run();
    }

    /** Called instead of {@link #run()} when the queue shuts down before the request got a slot. */
    void abandon();

    /** Called instead of {@link #run()} when the request waited past its deadline; abandons by default. */
    default void expire() {
        abandon();
    }

    /**
     * Called instead of {@link #run()} when the request was withdrawn while waiting (its author
     * typed {@code /stop}, or its message was deleted); abandons by default.
     */
    default void cancel() {
        abandon();
    }

    /**
     * Called, from another thread, while {@link #run()} is running, when the request is withdrawn:
     * it should stop generating (close its stream) and return soon. Does nothing by default.
     */
    default void stop() {}
}
