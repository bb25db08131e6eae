package dev.parley.core.pipeline;

import dev.parley.core.model.GenerationSettings;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.ScopeLimits;
import java.util.Objects;

/**
 * The pipeline's own settings.
 *
 * @param systemPrompt the instructions the model gets before every conversation
 * @param limits the configured rate limits per user, channel and server (scopes may override them)
 * @param maxInputChars longer messages are refused with a notice, before anything else looks at them
 * @param positionNoticeFrom a queued request with at least this many ahead of it gets a
 *     {@link Notice.Kind#QUEUED} notice with its place in line, once
 */
public record PipelineSettings(
        String systemPrompt, GenerationSettings generation, ScopeLimits limits, int maxInputChars,
        int positionNoticeFrom) {

    /** The default for {@link #positionNoticeFrom}. */
    public static final int POSITION_NOTICE_FROM = 3;

    public PipelineSettings {
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(limits, "limits");
        if (maxInputChars < 1) {
            throw new IllegalArgumentException("maxInputChars must be at least 1");
        }
        if (positionNoticeFrom < 1) {
            throw new IllegalArgumentException("positionNoticeFrom must be at least 1, was " + positionNoticeFrom);
        }
    }

    /** Settings with a per-user limit only, and the position told from the default. */
    public PipelineSettings(String systemPrompt, GenerationSettings generation, RateLimit userLimit,
            int maxInputChars) {
        this(systemPrompt, generation, ScopeLimits.perUser(userLimit), maxInputChars, POSITION_NOTICE_FROM);
    }
}
