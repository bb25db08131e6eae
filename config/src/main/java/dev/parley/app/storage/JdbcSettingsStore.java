package dev.parley.app.storage;

import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeSettings;
import dev.parley.core.settings.SettingsStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Scope settings in the database (H2 or PostgreSQL), one row per value, so they survive restarts. */
public final class JdbcSettingsStore implements SettingsStore {

    private final ScopeRows scopes;
    private final TransactionTemplate transactions;

    public JdbcSettingsStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.scopes = new ScopeRows(jdbc);
        this.transactions = transactions;
    }

    @Override
    public ScopeSettings load(ScopeKey scope) {
        var rows = scopes.bound("""
                        SELECT name, val FROM scope_setting
                        WHERE platform = :platform AND scope_id = :scope AND name NOT LIKE 'limit.%' ORDER BY id""", scope)
                .query((rs, n) -> new ScopeSettingsRows.Row(rs.getString("name"), rs.getString("val")))
                .list();
        return ScopeSettingsRows.fromRows(rows);
    }

    @Override
    public void save(ScopeKey scope, ScopeSettings settings) {
        transactions.executeWithoutResult(status -> {
            // rate-limit rows belong to JdbcLimitOverrides
            scopes.bound("DELETE FROM scope_setting WHERE platform = :platform AND scope_id = :scope AND name NOT LIKE 'limit.%'", scope)
                    .update();
            for (ScopeSettingsRows.Row row : ScopeSettingsRows.toRows(settings)) {
                scopes.bound("INSERT INTO scope_setting (platform, scope_id, name, val) VALUES (:platform, :scope, :name, :val)", scope)
                        .param("name", row.name())
                        .param("val", row.value())
                        .update();
            }
        });
    }
}
