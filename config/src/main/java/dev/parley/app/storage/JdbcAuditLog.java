package dev.parley.app.storage;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.conversation.Platform;
import dev.parley.core.settings.ScopeKey;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit log in the database (H2 or PostgreSQL), so it survives restarts. */
public final class JdbcAuditLog implements AuditLog {

    private final JdbcClient jdbc;
    private final ScopeRows scopes;

    public JdbcAuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.scopes = new ScopeRows(jdbc);
    }

    @Override
    public void record(AuditEntry entry) {
        scopes.bound("""
                        INSERT INTO audit_log (at, platform, scope_id, actor_id, action, detail)
                        VALUES (:at, :platform, :scope, :actor, :action, :detail)""", entry.scope())
                .param("at", Timestamp.from(entry.at()))
                .param("actor", entry.actorId())
                .param("action", entry.action())
                .param("detail", entry.detail())
                .update();
    }

    @Override
    public List<AuditEntry> recent(ScopeKey scope, int limit) {
        return scopes.bound("""
                        SELECT at, platform, scope_id, actor_id, action, detail FROM audit_log
                        WHERE platform = :platform AND scope_id = :scope ORDER BY id DESC LIMIT :limit""", scope)
                .param("limit", limit)
                .query((rs, row) -> new AuditEntry(
                        rs.getTimestamp("at").toInstant(),
                        new ScopeKey(Platform.valueOf(rs.getString("platform")), rs.getString("scope_id")),
                        rs.getString("actor_id"),
                        rs.getString("action"),
                        rs.getString("detail")))
                .list();
    }
}
