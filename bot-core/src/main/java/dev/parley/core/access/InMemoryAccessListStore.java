package dev.parley.core.access;

import dev.parley.core.settings.ScopeKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Access lists kept in memory, lost when the process ends: for tests and the console. */
public final class InMemoryAccessListStore implements AccessListStore {

    private final Map<ScopeKey, List<AccessEntry>> lists = new ConcurrentHashMap<>();

    @Override
    public List<AccessEntry> entries(ScopeKey scope) {
        return List.copyOf(lists.getOrDefault(scope, List.of()));
    }

    @Override
    public void put(ScopeKey scope, AccessEntry entry) {
        lists.compute(scope, (key, old) -> {
            List<AccessEntry> next = new ArrayList<>(old == null ? List.of() : old);
            next.removeIf(e -> e.names(entry.kind(), entry.targetId()));
            next.add(entry);
            return next;
        });
    }

    @Override
    public boolean remove(ScopeKey scope, AccessKind kind, String targetId) {
        boolean[] removed = {false};
        lists.computeIfPresent(scope, (key, old) -> {
            List<AccessEntry> next = new ArrayList<>(old);
            removed[0] = next.removeIf(e -> e.names(kind, targetId));
            return next;
        });
        return removed[0];
    }
}
