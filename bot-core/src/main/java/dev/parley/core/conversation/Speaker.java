package dev.parley.core.conversation;

/** Who said a turn of a conversation, in the roles a chat template knows. */
public enum Speaker {
    SYSTEM,
    USER,
    ASSISTANT
}
