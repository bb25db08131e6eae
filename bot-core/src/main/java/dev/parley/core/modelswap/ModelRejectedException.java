package dev.parley.core.modelswap;

/** A candidate model failed a check; the message is one line an operator can act on. */
public final class ModelRejectedException extends RuntimeException {

    public ModelRejectedException(String reason) {
        super(reason);
    }

    public ModelRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
