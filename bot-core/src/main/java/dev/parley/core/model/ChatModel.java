package dev.parley.core.model;

/**
 * A language model that continues a conversation, token by token. Implementations live outside
 * the core (llama.cpp through JNI, an OpenAI-compatible server); the pipeline only sees this port.
 *
 * <p>Implementations are thread-safe: up to {@link #parallelSlots()} streams may run at once.
 * They treat user text as data: special-token text in a user turn never becomes a control token.
 */
public interface ChatModel extends TokenCounter, AutoCloseable {

    /**
     * Starts generating a reply.
     *
     * @throws ModelException if the request cannot be started
     * @throws IllegalStateException if the model was closed
     */
    ReplyStream stream(ChatRequest request);

    /** Tokens of context each slot holds; prompts must fit in it together with the reply. */
    int contextSize();

    /** How many replies can be generated at once. */
    int parallelSlots();

    /**
     * How many replies are being generated now: streams started and not yet finished, failed or
     * closed. A queue feeds the model while this is below {@link #parallelSlots()}; a closed
     * stream stops counting at once.
     *
     * <p>The default, for models that do not track their streams (test doubles), reports none.
     */
    default int busySlots() {
        return 0;
    }

    /** Releases the model; idempotent. */
    @Override
    void close();
}
