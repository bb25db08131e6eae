package dev.parley.app.storage;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.regenerate.AnswerStore;
import dev.parley.core.regenerate.ShownAnswer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The regenerable answers in {@code regenerable_answer} (V14), so that Regenerate works after a
 * restart: the question whole (author, roles, text, where and when), the answer, the ids of the
 * messages showing it (comma-separated: platform ids hold no comma) and the feedback exchange
 * recorded for it.
 */
public final class JdbcAnswerStore implements AnswerStore {

    private static final String KEY = "platform = :platform AND channel_id = :channel AND button_message = :button";

    private final JdbcClient jdbc;

    public JdbcAnswerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(ShownAnswer answer, Instant shownAt) {
        InboundMessage question = answer.question();
        Location where = question.location();
        Author author = question.author();
        delete(where, answer.buttonMessage()); // delete and insert: the same SQL on H2 and PostgreSQL
        jdbc.sql("""
                INSERT INTO regenerable_answer (platform, channel_id, button_message, scope_id, thread_id, shown_by,
                    question_id, author_id, author_name, author_roles, author_admin, question_text, reply_to,
                    mentions_bot, direct_message, sent_at, conversation_root, answer_text, exchange_id, shown_at)
                VALUES (:platform, :channel, :button, :scope, :thread, :shownBy, :questionId, :author, :authorName,
                    :roles, :admin, :text, :replyTo, :mentions, :direct, :sentAt, :root, :answer, NULL, :shownAt)""")
                .param("platform", where.platform().name())
                .param("channel", where.channelId())
                .param("button", answer.buttonMessage())
                .param("scope", where.scopeId())
                .param("thread", where.threadId())
                .param("shownBy", String.join(",", answer.shownBy()))
                .param("questionId", question.messageId())
                .param("author", author.id())
                .param("authorName", author.displayName())
                .param("roles", String.join(",", author.roles()))
                .param("admin", author.admin())
                .param("text", question.text())
                .param("replyTo", question.replyToMessageId())
                .param("mentions", question.mentionsBot())
                .param("direct", question.directMessage())
                .param("sentAt", Timestamp.from(question.sentAt()))
                .param("root", question.conversationRoot())
                .param("answer", answer.answer())
                .param("shownAt", Timestamp.from(shownAt))
                .update();
    }

    @Override
    public void recorded(Location where, String buttonMessage, long exchangeId) {
        jdbc.sql("UPDATE regenerable_answer SET exchange_id = :exchange WHERE " + KEY)
                .param("exchange", exchangeId)
                .param("platform", where.platform().name())
                .param("channel", where.channelId())
                .param("button", buttonMessage)
                .update();
    }

    @Override
    public Optional<ShownAnswer> find(Location where, String buttonMessage, Instant shownSince) {
        return jdbc.sql("SELECT * FROM regenerable_answer WHERE " + KEY + " AND shown_at >= :since")
                .param("platform", where.platform().name())
                .param("channel", where.channelId())
                .param("button", buttonMessage)
                .param("since", Timestamp.from(shownSince))
                .query(JdbcAnswerStore::answer)
                .optional();
    }

    @Override
    public void delete(Location where, String buttonMessage) {
        jdbc.sql("DELETE FROM regenerable_answer WHERE " + KEY)
                .param("platform", where.platform().name())
                .param("channel", where.channelId())
                .param("button", buttonMessage)
                .update();
    }

    @Override
    public void deleteShownBefore(Instant before, int keepAtMost) {
        jdbc.sql("DELETE FROM regenerable_answer WHERE shown_at < :before").param("before", Timestamp.from(before))
                .update();
        // the newest keepAtMost stay: OFFSET/FETCH is standard SQL, read alike by H2 and PostgreSQL
        jdbc.sql("""
                DELETE FROM regenerable_answer WHERE shown_at < (SELECT shown_at FROM regenerable_answer
                    ORDER BY shown_at DESC OFFSET :keep ROWS FETCH NEXT 1 ROWS ONLY)""")
                .param("keep", keepAtMost - 1)
                .update();
    }

    private static ShownAnswer answer(ResultSet row, int index) throws SQLException {
        Location where = new Location(Platform.valueOf(row.getString("platform")), row.getString("scope_id"),
                row.getString("channel_id"), row.getString("thread_id"));
        String roles = row.getString("author_roles");
        Author author = new Author(row.getString("author_id"), row.getString("author_name"),
                roles.isEmpty() ? java.util.Set.of() : new LinkedHashSet<>(Arrays.asList(roles.split(","))),
                row.getBoolean("author_admin"), false);
        InboundMessage question = new InboundMessage(row.getString("question_id"), where, author,
                row.getString("question_text"), row.getString("reply_to"), row.getBoolean("mentions_bot"),
                row.getBoolean("direct_message"), row.getTimestamp("sent_at").toInstant(),
                row.getString("conversation_root"));
        long exchange = row.getLong("exchange_id");
        OptionalLong recorded = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(exchange);
        return new ShownAnswer(question, row.getString("answer_text"), List.of(row.getString("shown_by").split(",")),
                CompletableFuture.completedFuture(recorded));
    }
}
