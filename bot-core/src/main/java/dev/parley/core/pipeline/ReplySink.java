package dev.parley.core.pipeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

    /**
     * When everything this sink was given so far is out on the platform, or was given up (refused
     * for good, retries spent). The pipeline asks once it has given the sink the last word on a
     * question (the reply, a notice or a withdrawal) and forgets the question only when the stage
     * completes, normally or not: a process killed while a paced adapter still holds the final text
     * answers the question again at its next start, and a refused send is not tried at every start.
     * A sink whose calls have sent before they return needs nothing more than this default, which is
     * complete at once. The stage may complete on the adapter's sending thread.
     */
    default CompletionStage<Void> delivered() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The platform's ids of the messages that show the finished reply, first to last, once
     * {@link #delivered()} completed: reactions on them are feedback on the answer. None by default,
     * for platforms without message ids (the console), where nothing is recorded for feedback.
     */
    default List<String> shownBy() {
        return List.of();
    }
}
