package dev.parley.core.persona;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.model.GenerationSettings;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A way for the bot to be: the system prompt that opens every conversation, how replies are
 * sampled, and how strongly each LoRA adapter of the model is applied.
 *
 * @param name how admins and commands refer to it: 1 to 32 lowercase letters, digits, {@code -}
 *     or {@code _}, starting with a letter or digit
 * @param systemPrompt the system turn put before the conversation; not blank
 * @param generation how this persona's replies are sampled
 * @param adapterScales the scale of each LoRA adapter by its name; empty to keep the scales the
 *     model was loaded with (adapters not named keep theirs too)
 */
public record Persona(String name, String systemPrompt, GenerationSettings generation, Map<String, Float> adapterScales) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    public Persona {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(generation, "generation");
        adapterScales = Map.copyOf(adapterScales);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a persona name is 1 to 32 lowercase letters, digits, '-' or '_',"
                    + " starting with a letter or digit; was '" + name + "'");
        }
        if (systemPrompt.isBlank()) {
            throw new IllegalArgumentException("persona '" + name + "' needs a system prompt");
        }
        adapterScales.forEach((adapter, scale) -> {
            if (adapter.isBlank()) {
                throw new IllegalArgumentException("persona '" + name + "' names an adapter with a blank name");
            }
            if (!(scale >= -10f && scale <= 10f)) {
                throw new IllegalArgumentException("persona '" + name + "': the scale of adapter '" + adapter
                        + "' must be within [-10, 10], was " + scale);
            }
        });
    }

    /** A persona that keeps the model's adapter scales. */
    public Persona(String name, String systemPrompt, GenerationSettings generation) {
        this(name, systemPrompt, generation, Map.of());
    }

    /** The system turn that opens a conversation with this persona. */
    ChatTurn systemTurn() {
        return ChatTurn.system(systemPrompt);
    }
}
