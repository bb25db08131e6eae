package dev.parley.app.storage;

import dev.parley.core.access.AccessEntry;
import dev.parley.core.access.AccessKind;
import dev.parley.core.access.AccessListStore;
import dev.parley.core.access.AccessMode;
import dev.parley.core.settings.ScopeKey;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Each scope's block and allow list in the access_entry table (the core caches what it reads). */
public final class JdbcAccessLists implements AccessListStore {

    private final ScopeRows scopes;
    private final TransactionTemplate transactions;

    public JdbcAccessLists(JdbcClient jdbc, TransactionTemplate transactions) {
        this.scopes = new ScopeRows(jdbc);
        this.transactions = transactions;
    }

    @Override
    public List<AccessEntry> entries(ScopeKey scope) {
        return scopes.bound("""
                        SELECT kind, target_id, mode, reason, created_by, created_at FROM access_entry
                        WHERE platform = :platform AND scope_id = :scope""", scope)
                .query((rs, n) -> new AccessEntry(AccessKind.valueOf(rs.getString("kind")), rs.getString("target_id"),
                        AccessMode.valueOf(rs.getString("mode")), rs.getString("reason"), rs.getString("created_by"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    @Override
    public void put(ScopeKey scope, AccessEntry entry) {
        // delete and insert: portable across H2 and PostgreSQL, unlike MERGE / ON CONFLICT
        transactions.executeWithoutResult(status -> {
            delete(scope, entry.kind(), entry.targetId());
            scopes.bound("""
                            INSERT INTO access_entry (platform, scope_id, kind, target_id, mode, reason, created_by, created_at)
                            VALUES (:platform, :scope, :kind, :target, :mode, :reason, :by, :at)""", scope)
                    .param("kind", entry.kind().name())
                    .param("target", entry.targetId())
                    .param("mode", entry.mode().name())
                    .param("reason", entry.reason())
                    .param("by", entry.by())
                    .param("at", Timestamp.from(entry.at()))
                    .update();
        });
    }

    @Override
    public boolean remove(ScopeKey scope, AccessKind kind, String targetId) {
        return delete(scope, kind, targetId) > 0;
    }

    private int delete(ScopeKey scope, AccessKind kind, String targetId) {
        return scopes.bound("DELETE FROM access_entry WHERE platform = :platform AND scope_id = :scope AND kind = :kind AND target_id = :target", scope)
                .param("kind", kind.name())
                .param("target", targetId)
                .update();
    }
}
