package dev.parley.core.queue;

/** Whether the queue took a request. */
public sealed interface QueueAdmission
        permits QueueAdmission.Queued, QueueAdmission.Full, QueueAdmission.TooManyWaiting {

    /**
     * Taken.
     *
     * @param ahead how many requests will run before this one, as the queue takes turns now
     *     (0: it runs as soon as a slot is free); an estimate when others arrive later
     */
    record Queued(int ahead) implements QueueAdmission {}

    /** The queue is at its bound (or shut down); the request was not taken. */
    record Full(int capacity) implements QueueAdmission {}

    /** The user already has {@code perUser} requests waiting in this scope; this one was not taken. */
    record TooManyWaiting(int perUser) implements QueueAdmission {}
}
