package dev.parley.app.storage;

import dev.parley.core.conversation.Platform;
import dev.parley.core.dataset.FeedbackExchange;
import dev.parley.core.dataset.FeedbackSource;
import dev.parley.core.dataset.Vote;
import dev.parley.core.settings.ScopeKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The feedback tables of V11, read for a dataset export; this class never writes them. Platforms
 * are matched without regard to case, so rows written as {@code DISCORD} or {@code discord} both count.
 */
public final class JdbcFeedbackSource implements FeedbackSource {

    private final JdbcClient jdbc;
    private final ScopeRows scopes;

    public JdbcFeedbackSource(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.scopes = new ScopeRows(jdbc);
    }

    @Override
    public List<FeedbackExchange> exchanges(ScopeKey scope, Instant since, Instant until) {
        return scopes.bound("""
                        SELECT id, author_id, system_prompt, user_text, answer_text, model_name, adapter_name,
                               replaces_id, created_at
                        FROM feedback_exchange
                        WHERE UPPER(platform) = :platform AND scope_id = :scope
                          AND created_at >= :since AND created_at < :until
                        ORDER BY id""", scope)
                .param("since", Timestamp.from(since))
                .param("until", Timestamp.from(until))
                .query((rs, row) -> exchange(scope, rs))
                .list();
    }

    private static FeedbackExchange exchange(ScopeKey scope, ResultSet rs) throws SQLException {
        long replaces = rs.getLong("replaces_id");
        Long replacesId = rs.wasNull() ? null : replaces;
        return new FeedbackExchange(rs.getLong("id"), scope, rs.getString("author_id"), rs.getString("system_prompt"),
                rs.getString("user_text"), rs.getString("answer_text"), rs.getString("model_name"),
                rs.getString("adapter_name"), replacesId, rs.getTimestamp("created_at").toInstant());
    }

    @Override
    public List<Vote> votes(ScopeKey scope, Instant since, Instant until) {
        return scopes.bound("""
                        SELECT v.exchange_id, v.voter_id, v.vote
                        FROM feedback_vote v JOIN feedback_exchange e ON e.id = v.exchange_id
                        WHERE UPPER(e.platform) = :platform AND e.scope_id = :scope
                          AND e.created_at >= :since AND e.created_at < :until AND v.vote <> 0
                        ORDER BY v.exchange_id, v.voter_id""", scope)
                .param("since", Timestamp.from(since))
                .param("until", Timestamp.from(until))
                .query((rs, row) -> new Vote(rs.getLong("exchange_id"), rs.getString("voter_id"),
                        Integer.signum(rs.getInt("vote"))))
                .list();
    }

    @Override
    public Set<String> optedOut(Platform platform) {
        return new HashSet<>(jdbc.sql("SELECT DISTINCT user_id FROM feedback_optout WHERE UPPER(platform) = :platform")
                .param("platform", platform.name())
                .query(String.class)
                .list());
    }
}
