package dev.parley.core.settings;

import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategorySetting;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.FailureMode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What the admins of one scope have set. Defaults come from configuration; a scope stores only
 * its own additions and overrides, and a null field means "as configured".
 *
 * @param blockedTerms words and phrases this scope blocks on top of the configured ones
 * @param allowedTerms words and phrases this scope takes out of texts before they are scored
 * @param categories category settings that replace the configured ones
 * @param directions the directions moderated, or null for the configured ones
 * @param exemptRoles roles whose prompts this scope does not moderate, on top of the configured ones
 * @param inputNotice the notice for a blocked prompt, or null for the configured one
 * @param outputNotice the notice for a withheld reply, or null for the configured one
 * @param onFailure what to do when a provider fails, or null for the configured choice
 */
public record ScopeSettings(
        Set<String> blockedTerms,
        Set<String> allowedTerms,
        Map<Category, CategorySetting> categories,
        @Nullable Set<Direction> directions,
        Set<String> exemptRoles,
        @Nullable String inputNotice,
        @Nullable String outputNotice,
        @Nullable FailureMode onFailure) {

    /** A scope nobody has configured. */
    public static final ScopeSettings DEFAULTS = new ScopeSettings(Set.of());

    public ScopeSettings {
        blockedTerms = Set.copyOf(blockedTerms);
        allowedTerms = Set.copyOf(allowedTerms);
        categories = Map.copyOf(categories);
        directions = directions == null ? null : Set.copyOf(directions);
        exemptRoles = Set.copyOf(exemptRoles);
    }

    /** Settings with only blocked terms, everything else as configured. */
    public ScopeSettings(Set<String> blockedTerms) {
        this(blockedTerms, Set.of(), Map.of(), null, Set.of(), null, null, null);
    }

    public ScopeSettings withBlockedTerm(String term) {
        Set<String> next = new TreeSet<>(blockedTerms);
        next.add(term);
        return new ScopeSettings(next, allowedTerms, categories, directions, exemptRoles, inputNotice, outputNotice,
                onFailure);
    }

    public ScopeSettings withoutBlockedTerm(String term) {
        Set<String> next = new TreeSet<>(blockedTerms);
        next.remove(term);
        return new ScopeSettings(next, allowedTerms, categories, directions, exemptRoles, inputNotice, outputNotice,
                onFailure);
    }

    /** These settings with {@code category} set to {@code setting}. */
    public ScopeSettings withCategory(Category category, CategorySetting setting) {
        Map<Category, CategorySetting> next = new java.util.EnumMap<>(Category.class);
        next.putAll(categories);
        next.put(category, setting);
        return new ScopeSettings(blockedTerms, allowedTerms, next, directions, exemptRoles, inputNotice, outputNotice,
                onFailure);
    }

    /** These settings with {@code term} allowed. */
    public ScopeSettings withAllowedTerm(String term) {
        Set<String> next = new TreeSet<>(allowedTerms);
        next.add(term);
        return new ScopeSettings(blockedTerms, next, categories, directions, exemptRoles, inputNotice, outputNotice,
                onFailure);
    }

    /** These settings failing as {@code mode} says. */
    public ScopeSettings withOnFailure(@Nullable FailureMode mode) {
        return new ScopeSettings(blockedTerms, allowedTerms, categories, directions, exemptRoles, inputNotice,
                outputNotice, mode);
    }

    /** These settings without {@code term} among the allowed ones. */
    public ScopeSettings withoutAllowedTerm(String term) {
        Set<String> next = new TreeSet<>(allowedTerms);
        next.remove(term);
        return new ScopeSettings(blockedTerms, next, categories, directions, exemptRoles, inputNotice, outputNotice,
                onFailure);
    }

    /** These settings moderating {@code directions}, or as configured when null. */
    public ScopeSettings withDirections(@Nullable Set<Direction> directions) {
        return new ScopeSettings(blockedTerms, allowedTerms, categories, directions, exemptRoles, inputNotice,
                outputNotice, onFailure);
    }
}
