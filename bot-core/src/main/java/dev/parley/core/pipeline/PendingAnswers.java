package dev.parley.core.pipeline;

import dev.parley.core.conversation.Location;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.Withdrawal;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers waiting or running, by the message they answer, so that an edit or a deletion of
 * that message can withdraw its answer. An answer is registered once it is queued and leaves
 * when its outcome completes. Thread-safe.
 */
final class PendingAnswers {

    private final Map<MessageRef, PendingAnswer> pending = new ConcurrentHashMap<>();
    private final InferenceQueue queue;

    PendingAnswers(InferenceQueue queue) {
        this.queue = queue;
    }

    /** Registers {@code answer}, queued for {@code message}, until {@code outcome} completes. */
    void register(MessageRef message, PendingAnswer answer, CompletableFuture<Outcome> outcome) {
        pending.put(message, answer);
        outcome.whenComplete((result, failure) -> pending.remove(message, answer));
    }

    /**
     * Withdraws the answer to {@code message} because the message was edited; false when there is
     * none, or it is too late to replace it (so the edit is not answered twice).
     */
    boolean withdrawForEdit(MessageRef message) {
        PendingAnswer previous = pending.get(message);
        return previous != null && previous.withdrawForEdit();
    }

    /** Withdraws the answer to the message {@code messageId} of {@code location}'s channel, which was deleted. */
    Withdrawal withdrawDeleted(Location location, String messageId) {
        PendingAnswer answer = pending.get(new MessageRef(location.platform(), location.channelId(), messageId));
        return answer == null ? new Withdrawal(0, 0) : queue.withdrawRequest(answer);
    }
}
