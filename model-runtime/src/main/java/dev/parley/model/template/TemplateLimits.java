package dev.parley.model.template;

import java.time.Duration;
import java.util.Objects;

/**
 * How far a chat template may go: a template is data from a model file someone handed us, so
 * what it may produce and how long it may run are bounded.
 *
 * @param maxOutputChars the longest prompt a template may render, and the longest string it may build
 * @param timeLimit how long one render may take before it is abandoned
 * @param maxIterations the longest range or list a loop may walk
 */
public record TemplateLimits(long maxOutputChars, Duration timeLimit, int maxIterations) {

    /** Room for any prompt a context holds (a 128k-token context is about 500k characters). */
    public static final TemplateLimits DEFAULT = new TemplateLimits(2_000_000, Duration.ofSeconds(2), 10_000);

    public TemplateLimits {
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (maxOutputChars < 1 || timeLimit.isNegative() || timeLimit.isZero() || maxIterations < 1) {
            throw new IllegalArgumentException("template limits must be positive");
        }
    }
}
