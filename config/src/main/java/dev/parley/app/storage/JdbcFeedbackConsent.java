package dev.parley.app.storage;

import dev.parley.core.feedback.FeedbackConsent;
import dev.parley.core.settings.ScopeKey;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Feedback consent in the feedback_scope and feedback_optout tables (V11). */
public final class JdbcFeedbackConsent implements FeedbackConsent {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcFeedbackConsent(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public boolean enabled(ScopeKey scope) {
        return jdbc.sql("SELECT enabled FROM feedback_scope WHERE platform = :platform AND scope_id = :scope")
                .param("platform", scope.platform().name())
                .param("scope", scope.scopeId())
                .query(Boolean.class).optional().orElse(false);
    }

    @Override
    public boolean setEnabled(ScopeKey scope, boolean on, String changedBy, Instant at) {
        // delete and insert: portable across H2 and PostgreSQL, unlike MERGE / ON CONFLICT
        Boolean changed = transactions.execute(status -> {
            if (enabled(scope) == on) {
                return false;
            }
            jdbc.sql("DELETE FROM feedback_scope WHERE platform = :platform AND scope_id = :scope")
                    .param("platform", scope.platform().name())
                    .param("scope", scope.scopeId())
                    .update();
            jdbc.sql("""
                            INSERT INTO feedback_scope (platform, scope_id, enabled, changed_by, changed_at)
                            VALUES (:platform, :scope, :enabled, :by, :at)""")
                    .param("platform", scope.platform().name())
                    .param("scope", scope.scopeId())
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
        return jdbc.sql("""
                        SELECT COUNT(*) FROM feedback_optout
                        WHERE platform = :platform AND scope_id = :scope AND user_id = :user""")
                .param("platform", scope.platform().name())
                .param("scope", scope.scopeId())
                .param("user", userId)
                .query(Long.class).single() > 0;
    }

    @Override
    public boolean optOut(ScopeKey scope, String userId, Instant at) {
        Boolean added = transactions.execute(status -> {
            if (optedOut(scope, userId)) {
                return false;
            }
            jdbc.sql("""
                            INSERT INTO feedback_optout (platform, scope_id, user_id, since)
                            VALUES (:platform, :scope, :user, :since)""")
                    .param("platform", scope.platform().name())
                    .param("scope", scope.scopeId())
                    .param("user", userId)
                    .param("since", Timestamp.from(at))
                    .update();
            return true;
        });
        return Boolean.TRUE.equals(added);
    }

    @Override
    public boolean optIn(ScopeKey scope, String userId) {
        return jdbc.sql("DELETE FROM feedback_optout WHERE platform = :platform AND scope_id = :scope AND user_id = :user")
                .param("platform", scope.platform().name())
                .param("scope", scope.scopeId())
                .param("user", userId)
                .update() > 0;
    }
}
