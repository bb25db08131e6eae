package dev.parley.core.queue;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One request in the {@link InferenceQueue}: who asked, what to run, when it came and by when it must start. */
final class QueueEntry {

    // the queue's own category: telling is what the queue does, wherever the call is made from
    private static final Logger LOG = LoggerFactory.getLogger(InferenceQueue.class);

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

    /**
     * Calls each entry's request; outside the queue's lock, so a request may call the queue back.
     * One failing call does not keep the others from being told.
     */
    static void tell(List<QueueEntry> entries, Consumer<QueuedRequest> call) {
        for (QueueEntry entry : entries) {
            try {
                call.accept(entry.request);
            } catch (RuntimeException e) {
                LOG.warn("telling a queued request failed: " + entry.key.messageId(), e);
            }
        }
    }
}
