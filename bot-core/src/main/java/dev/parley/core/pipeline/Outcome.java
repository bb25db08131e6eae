package dev.parley.core.pipeline;

import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.Verdict;
import dev.parley.core.ratelimit.LimitLevel;
import java.time.Duration;

/** How the pipeline dealt with one message; for callers, tests and metrics. */
public sealed interface Outcome {

    /** Not for the bot: from a bot, empty, or not addressed to it. */
    record Ignored(String reason) implements Outcome {}

    /** The author may not use the bot there (blocked, muted, or a scope not served); told or not, per the notice interval. */
    record AccessDenied(String reason) implements Outcome {}

    /** A command, answered by the command service. */
    record CommandAnswered(String reply) implements Outcome {}

    /** Moderation stopped the prompt or the reply. */
    record Blocked(Direction direction, Verdict.Block verdict) implements Outcome {}

    /** A rate limit was exceeded: the author's own, their channel's or their server's. */
    record RateLimited(Duration retryAfter, LimitLevel level) implements Outcome {

        /** The author's own limit was exceeded. */
        public RateLimited(Duration retryAfter) {
            this(retryAfter, LimitLevel.USER);
        }
    }

    /**
     * A budget of the author's, their channel's or their server's was used up; {@code notice}
     * says which and when it renews.
     */
    record OverQuota(String notice) implements Outcome {}

    /** The queue was full. */
    record Busy() implements Outcome {}

    /** The author already had as many requests waiting as one user may. */
    record TooManyWaiting(int perUser) implements Outcome {}

    /** The request waited for the model longer than the queue allows; the user was told. */
    record Expired(Duration waited) implements Outcome {}

    /** The request was withdrawn ({@code /stop}, or its message deleted) before or while it ran. */
    record Stopped(boolean wasRunning) implements Outcome {}

    /**
     * The message was edited before its answer was done: that answer was withdrawn (waiting, or
     * stopped while {@code wasRunning}) and the edited text is handled afresh, with an outcome of
     * its own.
     */
    record Edited(boolean wasRunning) implements Outcome {}

    /** The message is longer than the bot accepts or the model can read. */
    record TooLong(String reason) implements Outcome {}

    /** The model answered; {@code reply} is what was shown. */
    record Answered(String reply, int droppedTurns) implements Outcome {}

    /** The model failed; the user was told. */
    record Failed(String reason) implements Outcome {}
}
