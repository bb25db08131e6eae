package dev.parley.model.llamacpp;

import dev.parley.core.model.ModelException;

/** A failure reported by llama.cpp through Parley's binding, with llama.cpp's own error text when it gave one. */
public class LlamaCppException extends ModelException {

    /** An exception with a one-line message. */
    public LlamaCppException(String message) {
        super(message);
    }

    /** An exception with a one-line message and the failure that caused it. */
    public LlamaCppException(String message, Throwable cause) {
        super(message, cause);
    }
}
