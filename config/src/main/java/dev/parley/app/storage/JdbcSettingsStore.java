package dev.parley.app.storage;

import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeSettings;
import dev.parley.core.settings.SettingsStore;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Scope settings in the database (H2 or PostgreSQL), so they survive restarts. */
public final class JdbcSettingsStore implements SettingsStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcSettingsStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public ScopeSettings load(ScopeKey scope) {
        Set<String> terms = new HashSet<>(jdbc.sql("""
                        SELECT term FROM scope_blocked_term WHERE platform = :platform AND scope_id = :scope""")
                .param("platform", scope.platform().name())
                .param("scope", scope.scopeId())
                .query(String.class)
                .list());
        return terms.isEmpty() ? ScopeSettings.DEFAULTS : new ScopeSettings(terms);
    }

    @Override
    public void save(ScopeKey scope, ScopeSettings settings) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM scope_blocked_term WHERE platform = :platform AND scope_id = :scope")
                    .param("platform", scope.platform().name())
                    .param("scope", scope.scopeId())
                    .update();
            for (String term : settings.blockedTerms()) {
                jdbc.sql("INSERT INTO scope_blocked_term (platform, scope_id, term) VALUES (:platform, :scope, :term)")
                        .param("platform", scope.platform().name())
                        .param("scope", scope.scopeId())
                        .param("term", term)
                        .update();
            }
        });
    }
}
