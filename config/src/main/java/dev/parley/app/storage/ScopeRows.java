package dev.parley.app.storage;

import dev.parley.core.settings.ScopeKey;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Statements about one scope's rows: {@code :platform} and {@code :scope} bound from its key, so a
 * store names the scope once per statement and never binds half of it.
 */
record ScopeRows(JdbcClient jdbc) {

    /** {@code sql} with {@code :platform} and {@code :scope} bound to {@code scope}. */
    JdbcClient.StatementSpec bound(String sql, ScopeKey scope) {
        return jdbc.sql(sql)
                .param("platform", scope.platform().name())
                .param("scope", scope.scopeId());
    }
}
