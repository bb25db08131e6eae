package dev.parley.core.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The requests of an {@link InferenceQueue} that wait for a slot: in fair turns across scopes and
 * users ({@link FairLine}) for who starts next, in arrival order (which is deadline order) for who
 * is overdue, and each by its message id until it has run, so that a deleted message finds its
 * request waiting or running. Not thread-safe: the queue calls it under its lock.
 */
final class WaitingRequests {

    private final FairLine<QueueEntry> line = new FairLine<>();
    private final Set<QueueEntry> arrivals = new LinkedHashSet<>();
    private final Map<String, QueueEntry> byMessage = new HashMap<>();

    int size() {
        return line.size();
    }

    boolean isEmpty() {
        return line.isEmpty();
    }

    /** How many requests {@code key}'s user has waiting in its scope. */
    int waitingFor(RequestKey key) {
        return line.waitingFor(key.scope(), key.user());
    }

    /** How many requests would start before a new one of {@code key}'s user. */
    int aheadOfNext(RequestKey key) {
        return line.aheadOfNext(key.scope(), key.user());
    }

    void add(QueueEntry entry) {
        line.add(entry.key.scope(), entry.key.user(), entry);
        arrivals.add(entry);
        byMessage.put(entry.key.messageId(), entry);
    }

    /** The next request in fair turn, taken out of the line; still found by its message id while it runs. */
    @Nullable QueueEntry poll() {
        QueueEntry next = line.poll();
        if (next != null) {
            arrivals.remove(next);
        }
        return next;
    }

    /** Forgets the message id of a request that has run. */
    void ran(QueueEntry entry) {
        byMessage.remove(entry.key.messageId(), entry);
    }

    /** The request, waiting or running, that answers message {@code messageId}, or null. */
    @Nullable QueueEntry byMessage(String messageId) {
        return byMessage.get(messageId);
    }

    /** The waiting entry of {@code request}, or null if it does not wait. */
    @Nullable QueueEntry find(QueuedRequest request) {
        for (QueueEntry entry : arrivals) {
            if (entry.request == request) {
                return entry;
            }
        }
        return null;
    }

    /** Takes {@code entry} out if it waits; whether it did. */
    boolean remove(QueueEntry entry) {
        if (!line.remove(entry.key.scope(), entry.key.user(), entry)) {
            return false;
        }
        forget(entry);
        return true;
    }

    /** Takes out the waiting requests {@code asker}'s author made in its conversation. */
    List<QueueEntry> removeAsker(RequestKey asker) {
        List<QueueEntry> removed = line.removeIf(asker.scope(), asker.user(), e -> e.key.sameAskerAndConversation(asker));
        removed.forEach(this::forget);
        return removed;
    }

    /** Takes out the requests whose deadline is {@code now} or earlier, oldest first. */
    List<QueueEntry> removeOverdue(Instant now) {
        List<QueueEntry> overdue = new ArrayList<>();
        for (var it = arrivals.iterator(); it.hasNext(); ) {
            QueueEntry oldest = it.next();
            if (oldest.deadline.isAfter(now)) {
                break;
            }
            it.remove();
            line.remove(oldest.key.scope(), oldest.key.user(), oldest);
            byMessage.remove(oldest.key.messageId(), oldest);
            overdue.add(oldest);
        }
        return overdue;
    }

    /** Takes out every waiting request, in arrival order. */
    List<QueueEntry> removeAll() {
        List<QueueEntry> all = List.copyOf(arrivals);
        all.forEach(this::remove);
        return all;
    }

    private void forget(QueueEntry entry) {
        arrivals.remove(entry);
        byMessage.remove(entry.key.messageId(), entry);
    }
}
