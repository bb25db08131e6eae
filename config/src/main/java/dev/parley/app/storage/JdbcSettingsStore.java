package dev.parley.app.storage;

import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeSettings;
import dev.parley.core.settings.SettingsStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Scope settings in the database (H2 or PostgreSQL), one row per value, so they survive restarts. */
public final class JdbcSettingsStore implements SettingsStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcSettingsStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public ScopeSettings load(ScopeKey scope) {
        var rows = jdbc.sql("""
                        SELECT name, val FROM scope_setting
                        WHERE platform = :platform AND scope_id = :scope AND name NOT LIKE 'limit.%' ORDER BY id""")
                .param("platform", scope.platform().name())
                .param("scope", scope.scopeId())
                .query((rs, n) -> new ScopeSettingsRows.Row(rs.getString("name"), rs.getString("val")))
                .list();
        return ScopeSettingsRows.fromRows(rows);
    }

    @Override
    public void save(ScopeKey scope, ScopeSettings settings) {
        transactions.executeWithoutResult(status -> {
            // rate-limit rows belong to JdbcLimitOverrides
            jdbc.sql("DELETE FROM scope_setting WHERE platform = :platform AND scope_id = :scope AND name NOT LIKE 'limit.%'")
                    .param("platform", scope.platform().name())
                    .param("scope", scope.scopeId())
                    .update();
            for (ScopeSettingsRows.Row row : ScopeSettingsRows.toRows(settings)) {
                jdbc.sql("INSERT INTO scope_setting (platform, scope_id, name, val) VALUES (:platform, :scope, :name, :val)")
                        .param("platform", scope.platform().name())
                        .param("scope", scope.scopeId())
                        .param("name", row.name())
                        .param("val", row.value())
                        .update();
            }
        });
    }
}
