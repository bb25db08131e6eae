package dev.parley.core.settings;

import java.util.Set;
import java.util.TreeSet;

/**
 * What the admins of one scope have set. Defaults come from configuration; a scope stores only
 * its own additions.
 *
 * @param blockedTerms words and phrases this scope blocks on top of the configured ones
 */
public record ScopeSettings(Set<String> blockedTerms) {

    /** A scope nobody has configured. */
    public static final ScopeSettings DEFAULTS = new ScopeSettings(Set.of());

    public ScopeSettings {
        blockedTerms = Set.copyOf(blockedTerms);
    }

    public ScopeSettings withBlockedTerm(String term) {
        Set<String> next = new TreeSet<>(blockedTerms);
        next.add(term);
        return new ScopeSettings(next);
    }

    public ScopeSettings withoutBlockedTerm(String term) {
        Set<String> next = new TreeSet<>(blockedTerms);
        next.remove(term);
        return new ScopeSettings(next);
    }
}
