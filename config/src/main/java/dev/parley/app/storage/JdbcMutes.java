package dev.parley.app.storage;

import dev.parley.core.access.Mute;
import dev.parley.core.access.MuteStore;
import dev.parley.core.settings.ScopeKey;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Mutes in the access_mute table: the latest per user and scope. */
public final class JdbcMutes implements MuteStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcMutes(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public Optional<Mute> find(ScopeKey scope, String userId) {
        return jdbc.sql("""
                        SELECT muted_since, muted_until, reason, muted_by FROM access_mute
                        WHERE platform = :platform AND scope_id = :scope AND user_id = :user""")
                .param("platform", scope.platform().name())
                .param("scope", scope.scopeId())
                .param("user", userId)
                .query((rs, n) -> new Mute(scope, userId, rs.getTimestamp("muted_since").toInstant(),
                        rs.getTimestamp("muted_until").toInstant(), rs.getString("reason"), rs.getString("muted_by")))
                .optional();
    }

    @Override
    public void save(Mute mute) {
        // delete and insert: portable across H2 and PostgreSQL, unlike MERGE / ON CONFLICT
        transactions.executeWithoutResult(status -> {
            delete(mute.scope(), mute.userId());
            jdbc.sql("""
                            INSERT INTO access_mute (platform, scope_id, user_id, muted_since, muted_until, reason, muted_by)
                            VALUES (:platform, :scope, :user, :since, :until, :reason, :by)""")
                    .param("platform", mute.scope().platform().name())
                    .param("scope", mute.scope().scopeId())
                    .param("user", mute.userId())
                    .param("since", Timestamp.from(mute.since()))
                    .param("until", Timestamp.from(mute.until()))
                    .param("reason", mute.reason())
                    .param("by", mute.by())
                    .update();
        });
    }

    @Override
    public boolean delete(ScopeKey scope, String userId) {
        return jdbc.sql("DELETE FROM access_mute WHERE platform = :platform AND scope_id = :scope AND user_id = :user")
                .param("platform", scope.platform().name())
                .param("scope", scope.scopeId())
                .param("user", userId)
                .update() > 0;
    }
}
