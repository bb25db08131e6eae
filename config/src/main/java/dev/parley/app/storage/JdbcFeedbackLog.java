package dev.parley.app.storage;

import dev.parley.core.feedback.Exchange;
import dev.parley.core.feedback.FeedbackLog;
import dev.parley.core.feedback.FeedbackSummary;
import dev.parley.core.feedback.Vote;
import dev.parley.core.settings.ScopeKey;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/** Recorded exchanges and votes in the feedback_exchange and feedback_vote tables (V11). */
public final class JdbcFeedbackLog implements FeedbackLog {

    private final JdbcClient jdbc;
    private final ScopeRows scopes;
    private final TransactionTemplate transactions;

    public JdbcFeedbackLog(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.scopes = new ScopeRows(jdbc);
        this.transactions = transactions;
    }

    @Override
    public long record(Exchange exchange) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO feedback_exchange (platform, scope_id, channel_id, conversation, author_id,
                            reply_message, system_prompt, user_text, answer_text, model_name, adapter_name, variant,
                            replaces_id, created_at)
                        VALUES (:platform, :scope, :channel, :conversation, :author, :reply, :system, :user, :answer,
                            :model, :adapter, :variant, :replaces, :at)""")
                .param("platform", exchange.platform().name())
                .param("scope", exchange.scopeId())
                .param("channel", exchange.channelId())
                .param("conversation", exchange.conversation())
                .param("author", exchange.authorId())
                .param("reply", exchange.replyMessage())
                .param("system", exchange.systemPrompt())
                .param("user", exchange.userText())
                .param("answer", exchange.answerText())
                .param("model", exchange.producedBy().model())
                .param("adapter", exchange.producedBy().adapter())
                .param("variant", exchange.variant())
                .param("replaces", exchange.replacesId(), java.sql.Types.BIGINT)
                .param("at", Timestamp.from(exchange.createdAt()))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    @Override
    public OptionalLong exchangeShownBy(ScopeKey scope, String channelId, String messageId) {
        // the newest: an edited question answered anew in the same message is recorded again
        return jdbc.sql("""
                        SELECT id FROM feedback_exchange
                        WHERE platform = :platform AND channel_id = :channel AND reply_message = :message
                          AND scope_id = :scope
                        ORDER BY id DESC""")
                .param("platform", scope.platform().name())
                .param("channel", channelId)
                .param("message", messageId)
                .param("scope", scope.scopeId())
                .query(Long.class).list().stream().mapToLong(Long::longValue).findFirst();
    }

    @Override
    public Optional<Vote> voteOf(long exchangeId, String voterId) {
        return jdbc.sql("SELECT vote FROM feedback_vote WHERE exchange_id = :exchange AND voter_id = :voter")
                .param("exchange", exchangeId)
                .param("voter", voterId)
                .query(Integer.class).optional().map(Vote::of);
    }

    @Override
    public void vote(long exchangeId, String voterId, Vote vote, Instant at) {
        // delete and insert: portable across H2 and PostgreSQL, unlike MERGE / ON CONFLICT
        transactions.executeWithoutResult(status -> {
            unvote(exchangeId, voterId);
            jdbc.sql("""
                            INSERT INTO feedback_vote (exchange_id, voter_id, vote, voted_at)
                            VALUES (:exchange, :voter, :vote, :at)""")
                    .param("exchange", exchangeId)
                    .param("voter", voterId)
                    .param("vote", (short) vote.value())
                    .param("at", Timestamp.from(at))
                    .update();
        });
    }

    @Override
    public boolean unvote(long exchangeId, String voterId) {
        return jdbc.sql("DELETE FROM feedback_vote WHERE exchange_id = :exchange AND voter_id = :voter")
                .param("exchange", exchangeId)
                .param("voter", voterId)
                .update() > 0;
    }

    @Override
    public FeedbackSummary summary(ScopeKey scope) {
        long exchanges = scopes.bound("SELECT COUNT(*) FROM feedback_exchange WHERE platform = :platform AND scope_id = :scope", scope)
                .query(Long.class).single();
        return scopes.bound("""
                        SELECT COALESCE(SUM(CASE WHEN v.vote > 0 THEN 1 ELSE 0 END), 0) AS up,
                               COALESCE(SUM(CASE WHEN v.vote < 0 THEN 1 ELSE 0 END), 0) AS down
                        FROM feedback_vote v JOIN feedback_exchange e ON e.id = v.exchange_id
                        WHERE e.platform = :platform AND e.scope_id = :scope""", scope)
                .query((rs, n) -> new FeedbackSummary(exchanges, rs.getLong("up"), rs.getLong("down")))
                .single();
    }

    @Override
    public int forget(ScopeKey scope, String userId) {
        Integer forgotten = transactions.execute(status -> {
            String inScope = "SELECT id FROM feedback_exchange WHERE platform = :platform AND scope_id = :scope";
            int votes = scopes.bound("DELETE FROM feedback_vote WHERE (voter_id = :user AND exchange_id IN (" + inScope
                            + ")) OR exchange_id IN (" + inScope + " AND author_id = :user)", scope)
                    .param("user", userId)
                    .update();
            int exchanges = scopes.bound("""
                            DELETE FROM feedback_exchange
                            WHERE platform = :platform AND scope_id = :scope AND author_id = :user""", scope)
                    .param("user", userId)
                    .update();
            return votes + exchanges;
        });
        return forgotten == null ? 0 : forgotten;
    }
}
