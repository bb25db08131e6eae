package dev.parley.core.model;

import dev.parley.core.conversation.ChatTurn;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the model is asked to continue: the turns of a conversation (system prompt first, the
 * newest user turn last), already trimmed to the model's token budget, how to sample, and how
 * strongly to apply the model's LoRA adapters.
 *
 * @param adapterScales the scale of each LoRA adapter by name for this request only (a
 *     persona's); adapters not named keep the scale the model was loaded with, and names the
 *     model does not have are an error of {@link ChatModel#stream}
 */
public record ChatRequest(List<ChatTurn> turns, GenerationSettings settings, Map<String, Float> adapterScales) {

    public ChatRequest {
        turns = List.copyOf(turns);
        Objects.requireNonNull(settings, "settings");
        adapterScales = Map.copyOf(adapterScales);
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one turn");
        }
        adapterScales.forEach((name, scale) -> {
            if (!(scale >= -10f && scale <= 10f)) {
                throw new IllegalArgumentException("the scale of adapter '" + name + "' must be within [-10, 10], was " + scale);
            }
        });
    }

    /** A request that applies the adapters at the scales the model was loaded with. */
    public ChatRequest(List<ChatTurn> turns, GenerationSettings settings) {
        this(turns, settings, Map.of());
    }
}
