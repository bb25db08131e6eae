package dev.parley.core.model;

import dev.parley.core.conversation.ChatTurn;
import java.util.List;
import java.util.Objects;

/**
 * What the model is asked to continue: the turns of a conversation (system prompt first, the
 * newest user turn last), already trimmed to the model's token budget, and how to sample.
 */
public record ChatRequest(List<ChatTurn> turns, GenerationSettings settings) {

    public ChatRequest {
        turns = List.copyOf(turns);
        Objects.requireNonNull(settings, "settings");
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one turn");
        }
    }
}
