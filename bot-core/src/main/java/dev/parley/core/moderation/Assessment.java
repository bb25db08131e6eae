package dev.parley.core.moderation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one provider (or several, combined) found in a text: a score per category and, for each
 * category it scored, a short reason fit for the audit log (never the text itself).
 */
public record Assessment(CategoryScores scores, Map<Category, String> reasons) {

    /** Nothing found. */
    public static final Assessment NONE = new Assessment(CategoryScores.none(), Map.of());

    public Assessment {
        Objects.requireNonNull(scores, "scores");
        reasons = reasons.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(reasons));
    }

    /** The reason for the score of {@code category}, or an empty string. */
    public String reason(Category category) {
        return reasons.getOrDefault(category, "");
    }

    /** Combines two assessments: the higher score per category, with that score's reason. */
    public Assessment max(Assessment other) {
        if (other == NONE || other.equals(NONE)) {
            return this;
        }
        if (this.equals(NONE)) {
            return other;
        }
        Map<Category, String> merged = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            boolean theirs = other.scores.score(category) > scores.score(category);
            String reason = theirs ? other.reason(category) : reason(category);
            if (!reason.isEmpty()) {
                merged.put(category, reason);
            }
        }
        return new Assessment(scores.max(other.scores), merged);
    }
}
