package dev.parley.core.conversation;

import java.util.List;

/**
 * The turns sent to the model for one reply, after the conversation memory fitted them into the
 * token budget.
 *
 * @param tokens the tokens the turns take, as counted with the model's tokenizer
 * @param droppedTurns how many older turns did not fit and were left out
 */
public record Prompt(List<ChatTurn> turns, int tokens, int droppedTurns) {

    public Prompt {
        turns = List.copyOf(turns);
    }
}
