package dev.parley.core.audit;

import dev.parley.core.settings.ScopeKey;
import java.util.ArrayList;
import java.util.List;

/** An audit log kept in memory only: for tests, and lost on restart. */
public final class InMemoryAuditLog implements AuditLog {

    private final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public synchronized void record(AuditEntry entry) {
        entries.add(entry);
    }

    @Override
    public synchronized List<AuditEntry> recent(ScopeKey scope, int limit) {
        return entries.reversed().stream().filter(e -> e.scope().equals(scope)).limit(limit).toList();
    }
}
