package dev.parley.core.moderation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything moderation concluded about one text, in OpenAI's shape plus the verdict: whether it
 * is flagged, which categories reached their threshold, the score of every category, the providers
 * that failed, and what the pipeline must do.
 *
 * @param flagged whether any category reached its threshold under an action other than off, or a
 *     custom term matched, or a provider failed under a fail-closed policy
 * @param flaggedCategories the categories that reached their threshold (off ones left out)
 * @param unavailable the names of providers that failed or timed out
 */
public record ModerationResult(
        Verdict verdict,
        boolean flagged,
        Set<Category> flaggedCategories,
        CategoryScores scores,
        List<String> unavailable) {

    public ModerationResult {
        Objects.requireNonNull(verdict, "verdict");
        flaggedCategories = flaggedCategories.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(flaggedCategories));
        Objects.requireNonNull(scores, "scores");
        unavailable = List.copyOf(unavailable);
    }

    /** The result for a text that was not moderated at all (direction off, exempt author). */
    public static final ModerationResult NOT_MODERATED =
            new ModerationResult(Verdict.ALLOW, false, Set.of(), CategoryScores.none(), List.of());

    /** Every category with whether it is flagged: OpenAI's {@code categories} object. */
    public Map<Category, Boolean> categories() {
        Map<Category, Boolean> map = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            map.put(category, flaggedCategories.contains(category));
        }
        return Collections.unmodifiableMap(map);
    }
}
