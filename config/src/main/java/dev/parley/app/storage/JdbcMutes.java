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

    private final ScopeRows scopes;
    private final TransactionTemplate transactions;

    public JdbcMutes(JdbcClient jdbc, TransactionTemplate transactions) {
        this.scopes = new ScopeRows(jdbc);
        this.transactions = transactions;
    }

    @Override
    public Optional<Mute> find(ScopeKey scope, String userId) {
        return scopes.bound("""
                        SELECT muted_since, muted_until, reason, muted_by FROM access_mute
                        WHERE platform = :platform AND scope_id = :scope AND user_id = :user""", scope)
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
            scopes.bound("""
                            INSERT INTO access_mute (platform, scope_id, user_id, muted_since, muted_until, reason, muted_by)
                            VALUES (:platform, :scope, :user, :since, :until, :reason, :by)""", mute.scope())
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
        return scopes.bound("DELETE FROM access_mute WHERE platform = :platform AND scope_id = :scope AND user_id = :user", scope)
                .param("user", userId)
                .update() > 0;
    }
}
