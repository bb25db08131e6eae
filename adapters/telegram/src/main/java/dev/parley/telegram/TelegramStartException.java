package dev.parley.telegram;

/** The adapter could not start: the token was refused or Telegram could not be reached. */
public final class TelegramStartException extends RuntimeException {

    public TelegramStartException(String message) {
        super(message);
    }

    public TelegramStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
