package dev.parley.core.queue;

/** Work waiting for a model slot, which can be told that it will never run. */
public interface QueuedRequest extends Runnable {

    /** Called instead of {@link #run()} when the queue shuts down before the request got a slot. */
    void abandon();
}
