package dev.parley.model.encoder;

import org.jspecify.annotations.Nullable;

/** The sentence encoder could not be started: the message says why, in one line. */
public final class EncoderUnavailableException extends RuntimeException {

    EncoderUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
