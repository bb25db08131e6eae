package dev.parley.core.moderation;

/** A moderation provider could not judge a text: it failed, or did not answer in time. */
public final class ModerationUnavailableException extends RuntimeException {

    public ModerationUnavailableException(String message) {
        super(message);
    }

    public ModerationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
