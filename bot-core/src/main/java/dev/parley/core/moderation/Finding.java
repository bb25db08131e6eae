package dev.parley.core.moderation;

import java.util.Objects;

/**
 * What one local rule found: a category, a score in [0, 1] and a reason fit for the audit log
 * (which rule and why, never the text itself).
 */
public record Finding(Category category, double score, String reason) {

    public Finding {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(reason, "reason");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + score);
        }
    }
}
