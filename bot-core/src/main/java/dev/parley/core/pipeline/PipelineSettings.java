package dev.parley.core.pipeline;

import dev.parley.core.model.GenerationSettings;
import dev.parley.core.ratelimit.RateLimit;
import java.util.Objects;

/**
 * The pipeline's own settings.
 *
 * @param systemPrompt the instructions the model gets before every conversation
 * @param maxInputChars longer messages are refused with a notice, before anything else looks at them
 */
public record PipelineSettings(
        String systemPrompt, GenerationSettings generation, RateLimit userLimit, int maxInputChars) {

    public PipelineSettings {
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(userLimit, "userLimit");
        if (maxInputChars < 1) {
            throw new IllegalArgumentException("maxInputChars must be at least 1");
        }
    }
}
