package dev.parley.core.pipeline;

import dev.parley.core.moderation.Direction;
import org.jspecify.annotations.Nullable;

/** Why a message addressed to the bot got no answer from the model; the pipeline counts each, for metrics. */
public enum Rejection {
    ACCESS_DENIED,
    INPUT_BLOCKED,
    OUTPUT_BLOCKED,
    TOO_LONG,
    RATE_LIMITED_USER,
    RATE_LIMITED_CHANNEL,
    RATE_LIMITED_SERVER,
    OVER_QUOTA,
    QUEUE_FULL,
    TOO_MANY_WAITING,
    EXPIRED,
    STOPPED,
    FAILED;

    /** The rejection an outcome stands for, or null for an answer, a command or an ignored message. */
    static @Nullable Rejection of(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Blocked blocked -> blocked.direction() == Direction.INPUT
                    ? INPUT_BLOCKED : OUTPUT_BLOCKED;
            case Outcome.AccessDenied denied -> ACCESS_DENIED;
            case Outcome.TooLong tooLong -> TOO_LONG;
            case Outcome.RateLimited limited -> switch (limited.level()) {
                case USER -> RATE_LIMITED_USER;
                case CHANNEL -> RATE_LIMITED_CHANNEL;
                case SERVER -> RATE_LIMITED_SERVER;
            };
            case Outcome.OverQuota overQuota -> OVER_QUOTA;
            case Outcome.Busy busy -> QUEUE_FULL;
            case Outcome.TooManyWaiting tooMany -> TOO_MANY_WAITING;
            case Outcome.Expired expired -> EXPIRED;
            case Outcome.Stopped stopped -> STOPPED;
            case Outcome.Failed failed -> FAILED;
            case Outcome.Ignored ignored -> null;
            case Outcome.Edited edited -> null; // the edited text has an outcome of its own
            case Outcome.CommandAnswered command -> null;
            case Outcome.Answered answered -> null;
        };
    }

}
