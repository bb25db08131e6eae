package dev.parley.core.pipeline;

import dev.parley.core.conversation.Platform;
import java.util.List;

/**
 * The port where the pipeline keeps each question from the moment it accepts it into the queue
 * (the user sees the bot typing) until it is finished in any way (answered, refused, stopped,
 * withdrawn, expired, told the bot is restarting), so that a process killed in between takes the
 * question again when it starts. A question's text is kept only while it is pending.
 *
 * <p>Called on the pipeline's and the model's threads: implementations must be thread-safe.
 */
public interface AcceptedQuestions {

    /** Keeps {@code question} until {@link #finished} is called with its id. */
    void accepted(AcceptedQuestion question);

    /** Forgets the question {@code id}; nothing happens if it is not kept (any more). */
    void finished(String id);

    /** The questions of {@code platform} still kept, in the order they were accepted. */
    List<AcceptedQuestion> pending(Platform platform);
}
