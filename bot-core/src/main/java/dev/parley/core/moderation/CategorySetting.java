package dev.parley.core.moderation;

import java.util.Objects;

/**
 * How a policy treats one category: the action, and the score from which it applies.
 *
 * @param threshold in (0, 1]: a score at or above it flags or blocks
 */
public record CategorySetting(CategoryAction action, double threshold) {

    public CategorySetting {
        Objects.requireNonNull(action, "action");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
        }
    }

    /** Whether {@code score} triggers the action (never for {@link CategoryAction#OFF}). */
    boolean triggeredBy(double score) {
        return action != CategoryAction.OFF && score >= threshold;
    }
}
