package dev.parley.core.persona;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What {@code /persona edit} can change of a persona, as admins type it. */
public enum PersonaField {
    /** The system prompt; moderated again before it is kept. */
    PROMPT("prompt"),
    /** The sampling temperature. */
    TEMPERATURE("temperature"),
    /** The most tokens one reply may have. */
    MAX_TOKENS("max-tokens"),
    /** The scale of one loaded LoRA adapter, or back to the scale it was loaded with. */
    LORA("lora");

    private final String typed;

    PersonaField(String typed) {
        this.typed = typed;
    }

    /** The field as typed in commands. */
    public String typed() {
        return typed;
    }

    /** The field typed as {@code word}, ignoring case. */
    public static Optional<PersonaField> fromTyped(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(field -> field.typed.equals(lower)).findFirst();
    }

    /** Every field as typed, separated by {@code |}, for usage lines. */
    public static String choices() {
        return Arrays.stream(values()).map(PersonaField::typed).collect(Collectors.joining("|"));
    }
}
