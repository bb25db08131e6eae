package dev.parley.core.access;

import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeLists;
import java.util.List;

/** Access lists kept in memory, lost when the process ends: for tests and the console. */
public final class InMemoryAccessListStore implements AccessListStore {

    private final ScopeLists<AccessEntry> lists = new ScopeLists<>();

    @Override
    public List<AccessEntry> entries(ScopeKey scope) {
        return lists.get(scope);
    }

    @Override
    public void put(ScopeKey scope, AccessEntry entry) {
        lists.add(scope, entry, e -> e.names(entry.kind(), entry.targetId()));
    }

    @Override
    public boolean remove(ScopeKey scope, AccessKind kind, String targetId) {
        return lists.removeIf(scope, e -> e.names(kind, targetId)) > 0;
    }
}
