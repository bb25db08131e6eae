package dev.parley.core.ratelimit;

import java.time.Duration;

/** Whether a rate limit lets a message through. */
public sealed interface RateDecision permits RateDecision.Admitted, RateDecision.Limited {

    /** The message may go on. */
    record Admitted() implements RateDecision {}

    /**
     * The limit is exceeded.
     *
     * @param retryAfter when the next message would be let through
     * @param firstInWindow true for the first refusal since the last admitted message, so a user
     *     is told once rather than once per message
     */
    record Limited(Duration retryAfter, boolean firstInWindow) implements RateDecision {}
}
