package dev.parley.core.queue;

/** Whether the queue took a request. */
public sealed interface QueueAdmission permits QueueAdmission.Queued, QueueAdmission.Full {

    /**
     * Taken.
     *
     * @param ahead how many requests wait before this one (0: it runs as soon as a slot is free)
     */
    record Queued(int ahead) implements QueueAdmission {}

    /** The queue is at its bound; the request was not taken. */
    record Full(int capacity) implements QueueAdmission {}
}
