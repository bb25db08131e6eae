package dev.parley.core.queue;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * How the {@link InferenceQueue} withdraws requests (by asker, by message, by request): a waiting
 * one is taken out of the line and {@linkplain QueuedRequest#cancel() cancelled}, a running one
 * told to {@linkplain QueuedRequest#stop() stop}. Requests are told only after the queue's lock is
 * let go, so that one may call the queue back. Shares the queue's lock, and counts what it took out.
 */
final class Withdrawals {

    /** What one withdrawal found under the lock: waiting entries taken out, running ones to stop. */
    private record Found(List<QueueEntry> waiting, List<QueueEntry> running) {}

    private final ReentrantLock lock;
    private final WaitingRequests line;
    private final ModelRoom room;
    private long withdrawn; // guarded by lock

    Withdrawals(ReentrantLock lock, WaitingRequests line, ModelRoom room) {
        this.lock = lock;
        this.line = line;
        this.room = room;
    }

    /** The requests {@code asker}'s author made in its conversation; its message id is not compared. */
    Withdrawal ofAsker(RequestKey asker) {
        return withdraw(() -> new Found(line.removeAsker(asker),
                room.running(entry -> entry.key.sameAskerAndConversation(asker))));
    }

    /** The request, waiting or running, answering message {@code messageId} (its message was deleted). */
    Withdrawal ofMessage(String messageId) {
        return withdraw(() -> {
            QueueEntry entry = line.byMessage(messageId);
            if (entry == null) {
                return new Found(List.of(), List.of());
            }
            if (line.remove(entry)) {
                return new Found(List.of(entry), List.of());
            }
            return new Found(List.of(), room.runs(entry) ? List.of(entry) : List.of());
        });
    }

    /** {@code request} itself; nothing if it is done or was never taken. */
    Withdrawal ofRequest(QueuedRequest request) {
        return withdraw(() -> {
            QueueEntry waiting = line.find(request);
            if (waiting != null) {
                line.remove(waiting);
                return new Found(List.of(waiting), List.of());
            }
            List<QueueEntry> running = room.running(entry -> entry.request == request);
            return new Found(List.of(), running.isEmpty() ? List.of() : List.of(running.getFirst()));
        });
    }

    /** Requests withdrawn while they waited, since the queue began. Under the lock. */
    long count() {
        return withdrawn;
    }

    /** Finds under the lock, then tells the requests outside it. */
    private Withdrawal withdraw(Supplier<Found> find) {
        Found found;
        lock.lock();
        try {
            found = find.get();
            withdrawn += found.waiting().size();
        } finally {
            lock.unlock();
        }
        QueueEntry.tell(found.waiting(), QueuedRequest::cancel);
        QueueEntry.tell(found.running(), QueuedRequest::stop);
        return new Withdrawal(found.waiting().size(), found.running().size());
    }
}
