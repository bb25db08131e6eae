package dev.parley.app.storage;

import dev.parley.core.access.Strike;
import dev.parley.core.access.StrikePolicy;
import dev.parley.core.access.StrikeStore;
import dev.parley.core.settings.ScopeKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Strikes in access_strike and each scope's own policy in access_strike_policy. */
public final class JdbcStrikes implements StrikeStore {

    private final ScopeRows scopes;
    private final TransactionTemplate transactions;

    public JdbcStrikes(JdbcClient jdbc, TransactionTemplate transactions) {
        this.scopes = new ScopeRows(jdbc);
        this.transactions = transactions;
    }

    @Override
    public void add(ScopeKey scope, Strike strike) {
        scopes.bound("""
                        INSERT INTO access_strike (platform, scope_id, user_id, struck_at, reason, message_id)
                        VALUES (:platform, :scope, :user, :at, :reason, :message)""", scope)
                .param("user", strike.userId())
                .param("at", Timestamp.from(strike.at()))
                .param("reason", strike.reason())
                .param("message", strike.messageId())
                .update();
    }

    @Override
    public List<Strike> since(ScopeKey scope, String userId, Instant from) {
        return scopes.bound("""
                        SELECT struck_at, reason, message_id FROM access_strike
                        WHERE platform = :platform AND scope_id = :scope AND user_id = :user AND struck_at >= :from
                        ORDER BY struck_at, id""", scope)
                .param("user", userId)
                .param("from", Timestamp.from(from))
                .query((rs, n) -> strike(userId, rs))
                .list();
    }

    @Override
    public Optional<Strike> forMessage(ScopeKey scope, String userId, String messageId) {
        return scopes.bound("""
                        SELECT struck_at, reason, message_id FROM access_strike
                        WHERE platform = :platform AND scope_id = :scope AND user_id = :user AND message_id = :message
                        ORDER BY struck_at, id""", scope)
                .param("user", userId)
                .param("message", messageId)
                .query((rs, n) -> strike(userId, rs))
                .stream().findFirst();
    }

    @Override
    public int withdraw(ScopeKey scope, String userId, String messageId) {
        return scopes.bound("""
                        DELETE FROM access_strike
                        WHERE platform = :platform AND scope_id = :scope AND user_id = :user AND message_id = :message""",
                        scope)
                .param("user", userId)
                .param("message", messageId)
                .update();
    }

    private static Strike strike(String userId, ResultSet rs) throws SQLException {
        return new Strike(userId, rs.getTimestamp("struck_at").toInstant(), rs.getString("reason"),
                rs.getString("message_id"));
    }

    @Override
    public int clear(ScopeKey scope, String userId) {
        return scopes.bound("""
                        DELETE FROM access_strike
                        WHERE platform = :platform AND scope_id = :scope AND user_id = :user""", scope)
                .param("user", userId)
                .update();
    }

    @Override
    public Optional<StrikePolicy> policy(ScopeKey scope) {
        return scopes.bound("""
                        SELECT strikes, window_seconds, mute_seconds FROM access_strike_policy
                        WHERE platform = :platform AND scope_id = :scope""", scope)
                .query((rs, n) -> new StrikePolicy(rs.getInt("strikes"), Duration.ofSeconds(rs.getLong("window_seconds")),
                        Duration.ofSeconds(rs.getLong("mute_seconds"))))
                .optional();
    }

    @Override
    public void savePolicy(ScopeKey scope, StrikePolicy policy) {
        // delete and insert: portable across H2 and PostgreSQL, unlike MERGE / ON CONFLICT
        transactions.executeWithoutResult(status -> {
            scopes.bound("DELETE FROM access_strike_policy WHERE platform = :platform AND scope_id = :scope", scope)
                    .update();
            scopes.bound("""
                            INSERT INTO access_strike_policy (platform, scope_id, strikes, window_seconds, mute_seconds)
                            VALUES (:platform, :scope, :strikes, :window, :mute)""", scope)
                    .param("strikes", policy.strikes())
                    .param("window", policy.window().toSeconds())
                    .param("mute", policy.muteFor().toSeconds())
                    .update();
        });
    }
}
