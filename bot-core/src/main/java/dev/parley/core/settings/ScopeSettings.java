package dev.parley.core.settings;

import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategorySetting;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ExcerptMode;
import dev.parley.core.moderation.FailureMode;
import java.util.EnumMap;
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
 * @param auditChannel the channel that gets a report of every block, or null for none
 * @param excerpt what of a blocked text goes into the audit, or null for hashes only
 */
public record ScopeSettings(
        Set<String> blockedTerms,
        Set<String> allowedTerms,
        Map<Category, CategorySetting> categories,
        @Nullable Set<Direction> directions,
        Set<String> exemptRoles,
        @Nullable String inputNotice,
        @Nullable String outputNotice,
        @Nullable FailureMode onFailure,
        @Nullable String auditChannel,
        @Nullable ExcerptMode excerpt) {

    /** A scope nobody has configured. */
    public static final ScopeSettings DEFAULTS = new ScopeSettings(Set.of());

    public ScopeSettings {
        blockedTerms = Set.copyOf(blockedTerms);
        allowedTerms = Set.copyOf(allowedTerms);
        categories = Map.copyOf(categories);
        directions = directions == null ? null : Set.copyOf(directions);
        exemptRoles = Set.copyOf(exemptRoles);
        if (auditChannel != null && auditChannel.isBlank()) {
            throw new IllegalArgumentException("auditChannel must not be blank; null means none");
        }
    }

    /** Settings without an audit channel or excerpts. */
    public ScopeSettings(Set<String> blockedTerms, Set<String> allowedTerms, Map<Category, CategorySetting> categories,
            @Nullable Set<Direction> directions, Set<String> exemptRoles, @Nullable String inputNotice,
            @Nullable String outputNotice, @Nullable FailureMode onFailure) {
        this(blockedTerms, allowedTerms, categories, directions, exemptRoles, inputNotice, outputNotice, onFailure,
                null, null);
    }

    /** Settings with only blocked terms, everything else as configured. */
    public ScopeSettings(Set<String> blockedTerms) {
        this(blockedTerms, Set.of(), Map.of(), null, Set.of(), null, null, null);
    }

    public ScopeSettings withBlockedTerm(String term) {
        return withBlockedTerms(added(blockedTerms, term));
    }

    public ScopeSettings withoutBlockedTerm(String term) {
        return withBlockedTerms(removed(blockedTerms, term));
    }

    /** These settings with {@code term} allowed. */
    public ScopeSettings withAllowedTerm(String term) {
        return withAllowedTerms(added(allowedTerms, term));
    }

    /** These settings without {@code term} among the allowed ones. */
    public ScopeSettings withoutAllowedTerm(String term) {
        return withAllowedTerms(removed(allowedTerms, term));
    }

    /** These settings with {@code category} set to {@code setting}. */
    public ScopeSettings withCategory(Category category, CategorySetting setting) {
        Map<Category, CategorySetting> next = new EnumMap<>(Category.class);
        next.putAll(categories);
        next.put(category, setting);
        return new ScopeSettings(blockedTerms, allowedTerms, next, directions, exemptRoles, inputNotice, outputNotice,
                onFailure, auditChannel, excerpt);
    }

    /** These settings failing as {@code mode} says. */
    public ScopeSettings withOnFailure(@Nullable FailureMode mode) {
        return new ScopeSettings(blockedTerms, allowedTerms, categories, directions, exemptRoles, inputNotice,
                outputNotice, mode, auditChannel, excerpt);
    }

    /** These settings moderating {@code directions}, or as configured when null. */
    public ScopeSettings withDirections(@Nullable Set<Direction> directions) {
        return new ScopeSettings(blockedTerms, allowedTerms, categories, directions, exemptRoles, inputNotice,
                outputNotice, onFailure, auditChannel, excerpt);
    }

    /** These settings with {@code role} exempt from input moderation. */
    public ScopeSettings withExemptRole(String role) {
        return withExemptRoles(added(exemptRoles, role));
    }

    /** These settings without {@code role} among the exempt ones. */
    public ScopeSettings withoutExemptRole(String role) {
        return withExemptRoles(removed(exemptRoles, role));
    }

    /** These settings reporting blocks to {@code channel}, or to no channel when null. */
    public ScopeSettings withAuditChannel(@Nullable String channel) {
        return new ScopeSettings(blockedTerms, allowedTerms, categories, directions, exemptRoles, inputNotice,
                outputNotice, onFailure, channel, excerpt);
    }

    /** These settings auditing blocked texts as {@code mode} says, or hashes only when null. */
    public ScopeSettings withExcerpt(@Nullable ExcerptMode mode) {
        return new ScopeSettings(blockedTerms, allowedTerms, categories, directions, exemptRoles, inputNotice,
                outputNotice, onFailure, auditChannel, mode);
    }

    /**
     * These settings with a channel's own on top: its blocked and allowed terms added, its category
     * settings and directions in place of these; everything else stays.
     */
    ScopeSettings overlaidWith(ScopeSettings channel) {
        Set<String> blocked = new TreeSet<>(blockedTerms);
        blocked.addAll(channel.blockedTerms());
        Set<String> allowed = new TreeSet<>(allowedTerms);
        allowed.addAll(channel.allowedTerms());
        Map<Category, CategorySetting> merged = new EnumMap<>(Category.class);
        merged.putAll(categories);
        merged.putAll(channel.categories());
        return new ScopeSettings(blocked, allowed, merged, channel.directions() != null ? channel.directions() : directions,
                exemptRoles, inputNotice, outputNotice, onFailure, auditChannel, excerpt);
    }

    private ScopeSettings withBlockedTerms(Set<String> terms) {
        return new ScopeSettings(terms, allowedTerms, categories, directions, exemptRoles, inputNotice, outputNotice,
                onFailure, auditChannel, excerpt);
    }

    private ScopeSettings withAllowedTerms(Set<String> terms) {
        return new ScopeSettings(blockedTerms, terms, categories, directions, exemptRoles, inputNotice, outputNotice,
                onFailure, auditChannel, excerpt);
    }

    private ScopeSettings withExemptRoles(Set<String> roles) {
        return new ScopeSettings(blockedTerms, allowedTerms, categories, directions, roles, inputNotice, outputNotice,
                onFailure, auditChannel, excerpt);
    }

    private static Set<String> added(Set<String> set, String value) {
        Set<String> next = new TreeSet<>(set);
        next.add(value);
        return next;
    }

    private static Set<String> removed(Set<String> set, String value) {
        Set<String> next = new TreeSet<>(set);
        next.remove(value);
        return next;
    }
}
