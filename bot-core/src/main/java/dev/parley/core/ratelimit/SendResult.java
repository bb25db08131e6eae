package dev.parley.core.ratelimit;

import java.time.Duration;
import java.util.Objects;

/** What became of one send, as the platform adapter saw it. */
public sealed interface SendResult permits SendResult.Sent, SendResult.RetryAfter, SendResult.Failed {

    /** The platform took it. */
    record Sent() implements SendResult {}

    /**
     * The platform answered 429: nothing more may go to the target (or, when {@code global}, to any
     * target) for {@code delay}; the same send is tried again first.
     */
    record RetryAfter(Duration delay, boolean global) implements SendResult {

        public RetryAfter {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** The platform refused it for good (deleted channel, no permission); it is not tried again. */
    record Failed(String reason) implements SendResult {}
}
