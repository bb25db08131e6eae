package dev.parley.core.dataset;

import java.util.Objects;

/**
 * A supervised example: a prompt and the answer to learn, redacted.
 *
 * @param system the persona's system prompt, empty when it had none
 */
public record SftExample(String system, String user, String assistant) {

    public SftExample {
        Objects.requireNonNull(system, "system");
        requireText(user, "user");
        requireText(assistant, "assistant");
    }

    static void requireText(String text, String name) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
