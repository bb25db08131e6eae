package dev.parley.core.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A list of entries per scope, kept in memory, each change applied atomically to its scope's list:
 * what the in-memory stores of access lists, strikes and quota rules hold (for tests and the
 * console; lost when the process ends).
 *
 * @param <T> an entry, immutable
 */
public final class ScopeLists<T> {

    private final Map<ScopeKey, List<T>> lists = new ConcurrentHashMap<>();

    /** The entries of {@code scope} in the order they were added: an unmodifiable snapshot. */
    public List<T> get(ScopeKey scope) {
        return lists.getOrDefault(scope, List.of());
    }

    /** Adds {@code entry} to the end of {@code scope}'s list. */
    public void add(ScopeKey scope, T entry) {
        add(scope, entry, e -> false);
    }

    /** Adds {@code entry} to the end of {@code scope}'s list, after removing the entries it {@code replaces}. */
    public void add(ScopeKey scope, T entry, Predicate<? super T> replaces) {
        lists.compute(scope, (key, before) -> {
            List<T> after = new ArrayList<>(before == null ? List.of() : before);
            after.removeIf(replaces);
            after.add(entry);
            return List.copyOf(after);
        });
    }

    /** Removes the entries of {@code scope} that match {@code which}; how many there were. */
    public int removeIf(ScopeKey scope, Predicate<? super T> which) {
        int[] removed = {0};
        lists.computeIfPresent(scope, (key, before) -> {
            List<T> after = new ArrayList<>(before);
            after.removeIf(which);
            removed[0] = before.size() - after.size();
            return List.copyOf(after);
        });
        return removed[0];
    }
}
