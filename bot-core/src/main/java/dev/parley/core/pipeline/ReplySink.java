package dev.parley.core.pipeline;

/**
 * The port through which the pipeline answers one message on its platform. Everything it is given
 * has passed moderation. Adapters decide how to show it (edits, splits, throttling) and must not
 * block the caller for long: calls come from the model's threads.
 */
public interface ReplySink {

    /** A notice instead of (or before) a model reply. */
    void notice(Notice notice);

    /** The reply so far, while it streams; each call holds the whole visible text, longer than before. */
    void progress(String visibleSoFar);

    /** The finished reply. */
    void complete(String reply);

    /** The reply was stopped by moderation: whatever was shown of it is replaced by {@code replacement}. */
    void withdraw(Notice replacement);
}
