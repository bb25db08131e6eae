package dev.parley.core.conversation;

import java.util.List;

/**
 * Where {@link ConversationMemory} keeps finished exchanges beyond its own memory, and recalls the
 * turns of a conversation it does not hold (after a restart or an eviction). Implementations
 * decide what they keep (a scope may not have opted in); {@link #NONE} keeps nothing.
 */
public interface ConversationStore {

    /** Keeps nothing and recalls nothing: conversations live in memory only. */
    ConversationStore NONE = new ConversationStore() {
        @Override
        public List<ChatTurn> recall(ConversationKey key, int maxTurns) {
            return List.of();
        }

        @Override
        public void keep(ConversationKey key, String userText, String reply) {}

        @Override
        public void forget(ConversationKey key) {}
    };

    /**
     * The latest kept turns of a conversation, oldest first: at most {@code maxTurns}, starting
     * with a user's turn, each user's turn followed by its reply; empty when nothing is kept.
     */
    List<ChatTurn> recall(ConversationKey key, int maxTurns);

    /** Offers one finished exchange: the user's text and the reply that was shown in full. */
    void keep(ConversationKey key, String userText, String reply);

    /**
     * Offers one finished exchange with its author's id, so that a store can find a user's own
     * turns; stores that do not keep authors keep it as {@link #keep(ConversationKey, String, String)}.
     */
    default void keep(ConversationKey key, String authorId, String userText, String reply) {
        keep(key, userText, reply);
    }

    /** Deletes whatever is kept of a conversation, as {@code /reset} asks. */
    void forget(ConversationKey key);
}
