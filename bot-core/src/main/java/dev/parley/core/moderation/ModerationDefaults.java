package dev.parley.core.moderation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The moderation every scope starts from, as configured: category settings, terms blocked and
 * allowed everywhere, the directions moderated, exempt roles, the failure mode and the notices
 * users see. A scope's own settings override these.
 *
 * @param categories settings that differ from {@link ModerationPolicy#DEFAULT_CATEGORIES}
 */
public record ModerationDefaults(
        Map<Category, CategorySetting> categories,
        List<String> blockedTerms,
        List<String> allowedTerms,
        Set<Direction> directions,
        Set<String> exemptRoles,
        FailureMode onFailure,
        String inputNotice,
        String outputNotice,
        String unavailableNotice) {

    /** The notice shown when a provider failed and the policy fails closed, unless configured. */
    public static final String UNAVAILABLE_NOTICE =
            "Moderation is unavailable right now, so I cannot answer; please try again in a minute.";

    public ModerationDefaults {
        categories = Map.copyOf(categories);
        blockedTerms = List.copyOf(blockedTerms);
        allowedTerms = List.copyOf(allowedTerms);
        directions = Set.copyOf(directions);
        exemptRoles = Set.copyOf(exemptRoles);
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(inputNotice, "inputNotice");
        Objects.requireNonNull(outputNotice, "outputNotice");
        Objects.requireNonNull(unavailableNotice, "unavailableNotice");
    }

    /**
     * Defaults with the standard categories, no allowed terms or exempt roles, failing open: the
     * blocked terms, directions and notices as given.
     */
    public ModerationDefaults(List<String> blockedTerms, Set<Direction> directions, String inputNotice,
            String outputNotice) {
        this(Map.of(), blockedTerms, List.of(), directions, Set.of(), FailureMode.FAIL_OPEN, inputNotice,
                outputNotice, UNAVAILABLE_NOTICE);
    }
}
