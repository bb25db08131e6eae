package dev.parley.core.pipeline;

import dev.parley.core.conversation.InboundMessage;
import java.time.Duration;

/**
 * A listener to what the pipeline did with each message, for metrics. Called on the pipeline's
 * and the model's threads: implementations must be thread-safe and must not block.
 */
public interface PipelineEvents {

    /** The listener that hears nothing. */
    PipelineEvents NONE = new PipelineEvents() {};

    /** {@code message} (new or edited) was dealt with as {@code outcome}. */
    default void handled(InboundMessage message, Outcome outcome) {}

    /** Handling {@code message} threw; its future completed exceptionally. */
    default void failed(InboundMessage message, Throwable failure) {}

    /**
     * The first text of the model's answer to {@code message} was handed to its sink,
     * {@code sinceArrival} after the message reached the pipeline.
     */
    default void firstVisible(InboundMessage message, Duration sinceArrival) {}
}
