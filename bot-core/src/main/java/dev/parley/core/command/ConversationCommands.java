package dev.parley.core.command;

import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.RequestKey;
import dev.parley.core.queue.Withdrawal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The commands everyone has over their own conversation: {@code /reset} forgets it, {@code /stop} withdraws their questions. */
final class ConversationCommands {

    // logged under the command service's name, as before this class was split from it
    private static final Logger LOG = LoggerFactory.getLogger(CommandService.class);

    private final ConversationMemory memory;
    private final @Nullable InferenceQueue queue;

    /** @param queue the queue {@code /stop} withdraws from, or null where there is nothing to stop */
    ConversationCommands(ConversationMemory memory, @Nullable InferenceQueue queue) {
        this.memory = memory;
        this.queue = queue;
    }

    /** {@code /reset}: forgets the conversation in memory and deletes what was stored of it. */
    String reset(InboundMessage message) {
        try {
            memory.forget(message.conversationKey());
        } catch (RuntimeException e) {
            // memory is cleared first; the store failed: say so rather than claim it is gone
            LOG.warn("could not delete a stored conversation of {} {}: {}",
                    message.location().platform(), message.location().scopeId(), e.toString());
            return "Forgotten for now, but the stored history of this conversation could not be deleted. "
                    + "Please try /reset again later.";
        }
        return "Forgotten: this conversation starts afresh.";
    }

    /** {@code /stop}: withdraws the author's own requests in this conversation, waiting or running. */
    String stop(InboundMessage message) {
        if (queue == null) {
            return "There is nothing to stop here.";
        }
        Withdrawal withdrawal = queue.withdraw(RequestKey.of(message));
        if (withdrawal.none()) {
            return "You have no question waiting or being answered here.";
        }
        if (withdrawal.running() > 0) {
            return "Stopped.";
        }
        return withdrawal.waiting() == 1 ? "Your question was taken out of the queue."
                : "Your " + withdrawal.waiting() + " questions were taken out of the queue.";
    }
}
