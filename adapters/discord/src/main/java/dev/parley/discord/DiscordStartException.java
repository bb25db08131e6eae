package dev.parley.discord;

/** The adapter could not start: Discord refused the token or could not be reached. */
public final class DiscordStartException extends RuntimeException {

    public DiscordStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
