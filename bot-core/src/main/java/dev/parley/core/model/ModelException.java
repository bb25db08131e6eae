package dev.parley.core.model;

/** A model could not be loaded or could not answer; the message says why in one line. */
public class ModelException extends RuntimeException {

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
