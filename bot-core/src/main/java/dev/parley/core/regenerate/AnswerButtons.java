package dev.parley.core.regenerate;

import dev.parley.core.conversation.Location;
import java.util.List;

/**
 * The port through which a platform shows the <em>Regenerate</em> button under an answer and takes
 * away an answer that a regenerated one replaced. Calls come from the pipeline's threads once the
 * platform has the answer out; implementations send without blocking for long.
 */
public interface AnswerButtons {

    /** Puts the <em>Regenerate</em> button under the bot's message {@code messageId} in {@code where}. */
    void offer(Location where, String messageId);

    /** Deletes the bot's messages {@code messageIds} in {@code where}: an answer a regenerated one replaced. */
    void remove(Location where, List<String> messageIds);
}
