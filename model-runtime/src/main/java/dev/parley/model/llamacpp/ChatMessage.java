package dev.parley.model.llamacpp;

import java.util.Objects;

/**
 * One message of a conversation to render with a chat template.
 *
 * @param role {@code system}, {@code user} or {@code assistant} (templates may know others)
 * @param content the text, without NUL characters (llama.cpp reads C strings)
 */
public record ChatMessage(String role, String content) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        if (role.isEmpty() || role.indexOf('\0') >= 0 || content.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("role must be non-empty and neither role nor content may contain NUL");
        }
    }
}
