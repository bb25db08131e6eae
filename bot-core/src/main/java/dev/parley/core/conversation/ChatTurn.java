package dev.parley.core.conversation;

import java.util.Objects;

/** One turn of a conversation as the model sees it: who spoke and what they said. */
public record ChatTurn(Speaker speaker, String text) {

    public ChatTurn {
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(text, "text");
    }

    public static ChatTurn system(String text) {
        return new ChatTurn(Speaker.SYSTEM, text);
    }

    public static ChatTurn user(String text) {
        return new ChatTurn(Speaker.USER, text);
    }

    public static ChatTurn assistant(String text) {
        return new ChatTurn(Speaker.ASSISTANT, text);
    }
}
