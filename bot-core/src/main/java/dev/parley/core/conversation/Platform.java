package dev.parley.core.conversation;

/** The messaging platform a message came from. */
public enum Platform {
    CONSOLE,
    DISCORD,
    TELEGRAM
}
