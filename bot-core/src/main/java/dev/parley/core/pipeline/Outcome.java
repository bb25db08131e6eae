package dev.parley.core.pipeline;

import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.Verdict;
import java.time.Duration;

/** How the pipeline dealt with one message; for callers, tests and metrics. */
public sealed interface Outcome {

    /** Not for the bot: from a bot, empty, or not addressed to it. */
    record Ignored(String reason) implements Outcome {}

    /** A command, answered by the command service. */
    record CommandAnswered(String reply) implements Outcome {}

    /** Moderation stopped the prompt or the reply. */
    record Blocked(Direction direction, Verdict.Block verdict) implements Outcome {}

    /** The author's rate limit was exceeded. */
    record RateLimited(Duration retryAfter) implements Outcome {}

    /** The queue was full. */
    record Busy() implements Outcome {}

    /** The message is longer than the bot accepts or the model can read. */
    record TooLong(String reason) implements Outcome {}

    /** The model answered; {@code reply} is what was shown. */
    record Answered(String reply, int droppedTurns) implements Outcome {}

    /** The model failed; the user was told. */
    record Failed(String reason) implements Outcome {}
}
