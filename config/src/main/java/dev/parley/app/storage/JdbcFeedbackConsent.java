package dev.parley.app.storage;

import dev.parley.core.feedback.FeedbackConsent;
import dev.parley.core.settings.ScopeKey;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Feedback consent in the feedback_scope and feedback_optout tables (V11). */
public final class JdbcFeedbackConsent implements FeedbackConsent {

    private final ScopeRows scopes;
    private final TransactionTemplate transactions;

    public JdbcFeedbackConsent(JdbcClient jdbc, TransactionTemplate transactions) {
        this.scopes = new ScopeRows(jdbc);
        this.transactions = transactions;
    }

    @Override
    public boolean enabled(ScopeKey scope) {
        return scopes.bound("SELECT enabled FROM feedback_scope WHERE platform = :platform AND scope_id = :scope", scope)
                .query(Boolean.class).optional().orElse(false);
    }

    @Override
    public boolean setEnabled(ScopeKey scope, boolean on, String changedBy, Instant at) {
        // delete and insert: portable across H2 and PostgreSQL, unlike MERGE / ON CONFLICT
        Boolean changed = transactions.execute(status -> {
            if (enabled(scope) == on) {
                return false;
            }
            scopes.bound("DELETE FROM feedback_scope WHERE platform = :platform AND scope_id = :scope", scope)
                    .update();
            scopes.bound("""
                            INSERT INTO feedback_scope (platform, scope_id, enabled, changed_by, changed_at)
                            VALUES (:platform, :scope, :enabled, :by, :at)""", scope)
                    .param("enabled", on)
                    .param("by", changedBy)
                    .param("at", Timestamp.from(at))
                    .update();
            return true;
        });
        return Boolean.TRUE.equals(changed);
    }

    @Override
    public boolean optedOut(ScopeKey scope, String userId) {
        return scopes.bound("""
                        SELECT COUNT(*) FROM feedback_optout
                        WHERE platform = :platform AND scope_id = :scope AND user_id = :user""", scope)
                .param("user", userId)
                .query(Long.class).single() > 0;
    }

    @Override
    public boolean optOut(ScopeKey scope, String userId, Instant at) {
        Boolean added = transactions.execute(status -> {
            if (optedOut(scope, userId)) {
                return false;
            }
            scopes.bound("""
                            INSERT INTO feedback_optout (platform, scope_id, user_id, since)
                            VALUES (:platform, :scope, :user, :since)""", scope)
                    .param("user", userId)
                    .param("since", Timestamp.from(at))
                    .update();
            return true;
        });
        return Boolean.TRUE.equals(added);
    }

    @Override
    public boolean optIn(ScopeKey scope, String userId) {
        return scopes.bound("""
                        DELETE FROM feedback_optout
                        WHERE platform = :platform AND scope_id = :scope AND user_id = :user""", scope)
                .param("user", userId)
                .update() > 0;
    }
}
