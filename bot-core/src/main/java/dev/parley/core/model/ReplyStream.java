package dev.parley.core.model;

import org.jspecify.annotations.Nullable;

/**
 * The pieces of one reply as the model produces them. Closing it cancels generation and frees
 * the model slot at once; callers close it in {@code finally}, whether they drained it or not.
 * {@link #close()} is idempotent.
 */
public interface ReplyStream extends AutoCloseable {

    /**
     * Blocks until the next piece of text is decoded.
     *
     * @return the next piece, or {@code null} when the reply is complete
     * @throws ModelException if generation failed
     * @throws IllegalStateException if the stream was closed
     */
    @Nullable String next();

    /**
     * Blocks until the reply is complete and returns the pieces not read yet, joined: for callers
     * that want the whole answer, not its pieces (a guard's verdict, a test). Does not close.
     *
     * @throws ModelException if generation failed
     * @throws IllegalStateException if the stream was closed
     */
    default String rest() {
        StringBuilder rest = new StringBuilder();
        for (String piece = next(); piece != null; piece = next()) {
            rest.append(piece);
        }
        return rest.toString();
    }

    /** Cancels generation if it is still running and frees the slot. */
    @Override
    void close();
}
