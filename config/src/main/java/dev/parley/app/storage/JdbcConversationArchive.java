package dev.parley.app.storage;

import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.conversation.Location;
import dev.parley.core.history.ArchivedExchange;
import dev.parley.core.history.ConversationArchive;
import dev.parley.core.settings.ScopeKey;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Conversation history in the database (H2 or PostgreSQL): the scopes that opted in and their exchanges. */
public final class JdbcConversationArchive implements ConversationArchive {

    /** Stands for "no thread" and "no reply chain", so that a conversation is found by equality. */
    private static final String NONE = "";

    private static final String CONVERSATION = """
            platform = :platform AND scope_id = :scope AND channel_id = :channel AND thread_id = :thread
            AND chain_root = :root""";

    private final JdbcClient jdbc;
    private final ScopeRows scopes;
    private final TransactionTemplate transactions;

    public JdbcConversationArchive(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.scopes = new ScopeRows(jdbc);
        this.transactions = transactions;
    }

    @Override
    public boolean optedIn(ScopeKey scope) {
        return scopes.bound("SELECT COUNT(*) FROM history_scope WHERE platform = :platform AND scope_id = :scope", scope)
                .query(Long.class)
                .single() > 0;
    }

    @Override
    public void optIn(ScopeKey scope, Instant at) {
        // delete and insert: portable across H2 and PostgreSQL, unlike MERGE / ON CONFLICT
        transactions.executeWithoutResult(status -> {
            deleteScopeRow(scope);
            scopes.bound("INSERT INTO history_scope (platform, scope_id, opted_in) VALUES (:platform, :scope, :at)", scope)
                    .param("at", Timestamp.from(at))
                    .update();
        });
    }

    @Override
    public int optOut(ScopeKey scope) {
        Integer deleted = transactions.execute(status -> {
            deleteScopeRow(scope);
            return scopes.bound("DELETE FROM history_exchange WHERE platform = :platform AND scope_id = :scope", scope)
                    .update();
        });
        return deleted == null ? 0 : deleted;
    }

    @Override
    public void append(ConversationKey conversation, ArchivedExchange exchange) {
        Location where = conversation.location();
        jdbc.sql("""
                        INSERT INTO history_exchange (platform, scope_id, channel_id, thread_id, chain_root, at, user_id,
                            user_text, reply)
                        VALUES (:platform, :scope, :channel, :thread, :root, :at, :author, :user, :reply)""")
                .param("platform", where.platform().name())
                .param("scope", where.scopeId())
                .param("channel", where.channelId())
                .param("thread", orNone(where.threadId()))
                .param("root", orNone(conversation.chainRoot()))
                .param("at", Timestamp.from(exchange.at()))
                .param("author", exchange.authorId())
                .param("user", exchange.userText())
                .param("reply", exchange.reply())
                .update();
    }

    @Override
    public List<ArchivedExchange> latest(ConversationKey conversation, int max, Instant notBefore) {
        Location where = conversation.location();
        List<ArchivedExchange> newestFirst = jdbc.sql("SELECT at, user_id, user_text, reply FROM history_exchange WHERE "
                        + CONVERSATION + " AND at >= :since ORDER BY id DESC LIMIT :max")
                .param("platform", where.platform().name())
                .param("scope", where.scopeId())
                .param("channel", where.channelId())
                .param("thread", orNone(where.threadId()))
                .param("root", orNone(conversation.chainRoot()))
                .param("since", Timestamp.from(notBefore))
                .param("max", max)
                .query((rs, row) -> new ArchivedExchange(rs.getTimestamp("at").toInstant(), rs.getString("user_id"), rs.getString("user_text"),
                        rs.getString("reply")))
                .list();
        return newestFirst.reversed();
    }

    @Override
    public int delete(ConversationKey conversation) {
        Location where = conversation.location();
        return jdbc.sql("DELETE FROM history_exchange WHERE " + CONVERSATION)
                .param("platform", where.platform().name())
                .param("scope", where.scopeId())
                .param("channel", where.channelId())
                .param("thread", orNone(where.threadId()))
                .param("root", orNone(conversation.chainRoot()))
                .update();
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM history_exchange WHERE at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }

    private void deleteScopeRow(ScopeKey scope) {
        scopes.bound("DELETE FROM history_scope WHERE platform = :platform AND scope_id = :scope", scope)
                .update();
    }

    private static String orNone(@Nullable String id) {
        return id == null ? NONE : id;
    }
}
