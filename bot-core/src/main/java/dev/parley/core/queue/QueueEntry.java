package dev.parley.core.queue;

import java.time.Instant;

/** One request in the {@link InferenceQueue}: who asked, what to run, when it came and by when it must start. */
final class QueueEntry {

    final RequestKey key;
    final QueuedRequest request;
    final Instant queuedAt;
    final Instant deadline;
    boolean streamOpened; // guarded by the queue's lock

    QueueEntry(RequestKey key, QueuedRequest request, Instant queuedAt, Instant deadline) {
        this.key = key;
        this.request = request;
        this.queuedAt = queuedAt;
        this.deadline = deadline;
    }
}
