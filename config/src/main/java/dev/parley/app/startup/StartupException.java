package dev.parley.app.startup;

/** Start-up cannot go on; the message is the one line the user sees. */
public final class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }
}
