package dev.parley.model.llamacpp;

/**
 * The tokens of one reply as they are generated, read by one thread: a {@link Generation} of a
 * context of its own, or a reply that a batch scheduler decodes beside others.
 * {@link #cancel()} may be called from any thread and ends the reply at once.
 */
public interface ReplyTokens extends AutoCloseable {

    /** What {@link #next()} returns once the reply has stopped. */
    int END = -1;

    /**
     * The next token, or {@link #END} once stopped.
     *
     * @throws LlamaCppException if llama.cpp fails to decode (the reply then stops)
     */
    int next();

    /** Stops the reply from any thread; later {@link #next()} calls return {@link #END}. */
    void cancel();

    /** Cancels and lets go of what the reply holds. Idempotent. */
    @Override
    void close();
}
