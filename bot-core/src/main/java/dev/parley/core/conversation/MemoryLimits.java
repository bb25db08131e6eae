package dev.parley.core.conversation;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the conversation memory.
 *
 * @param maxConversations how many conversations are remembered at once; the least recently used go first
 * @param idleTimeout a conversation nobody continued for this long is forgotten
 * @param maxTurns the most turns kept per conversation, whatever their size
 * @param tokensPerTurnOverhead tokens the chat template adds around each turn
 */
public record MemoryLimits(long maxConversations, Duration idleTimeout, int maxTurns, int tokensPerTurnOverhead) {

    public MemoryLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxConversations < 1) {
            throw new IllegalArgumentException("maxConversations must be at least 1");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
        if (maxTurns < 2) {
            throw new IllegalArgumentException("maxTurns must be at least 2 (one exchange)");
        }
        if (tokensPerTurnOverhead < 0) {
            throw new IllegalArgumentException("tokensPerTurnOverhead must not be negative");
        }
    }
}
