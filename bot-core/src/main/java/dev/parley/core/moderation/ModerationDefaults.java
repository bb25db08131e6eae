package dev.parley.core.moderation;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The moderation every scope starts from, as configured: terms blocked everywhere, the directions
 * moderated and the notices users see.
 */
public record ModerationDefaults(
        List<String> blockedTerms, Set<Direction> directions, String inputNotice, String outputNotice) {

    public ModerationDefaults {
        blockedTerms = List.copyOf(blockedTerms);
        directions = Set.copyOf(directions);
        Objects.requireNonNull(inputNotice, "inputNotice");
        Objects.requireNonNull(outputNotice, "outputNotice");
    }
}
