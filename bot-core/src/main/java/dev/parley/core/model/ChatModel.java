package dev.parley.core.model;

import dev.parley.core.conversation.TokenCounter;

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
     * How many replies are being generated now, for every user of the model: streams started and
     * whose slot the model has not yet let go of (finished, failed or cancelled). A queue feeds
     * the model while this is below {@link #parallelSlots()}. A stream closed while no thread
     * waits in its {@link ReplyStream#next()} stops counting at once; one closed under a waiting
     * thread stops counting when the model has cancelled it (for llama.cpp, at its next step).
     *
     * <p>The default, for models that do not track their streams (test doubles), reports none.
     */
    default int busySlots() {
        return 0;
    }

    /**
     * Has {@code listener} called each time a slot frees (after {@link #busySlots()} has dropped),
     * on the thread that freed it, so that a queue can start waiting work at once. Listeners must
     * return quickly and must not call back into the model. By default the listener is dropped:
     * a model that reports no busy slots never frees one.
     */
    default void whenSlotFrees(Runnable listener) {}

    /** Releases the model; idempotent. */
    @Override
    void close();
}
