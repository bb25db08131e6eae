package dev.parley.app.storage;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.pipeline.AcceptedQuestion;
import dev.parley.core.pipeline.AcceptedQuestions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Accepted questions in the database (H2 or PostgreSQL), so that a question the bot accepted
 * survives the process being killed. A question's text is in the database only while it is
 * pending: its row is deleted when it is finished.
 */
public final class JdbcAcceptedQuestions implements AcceptedQuestions {

    private final JdbcClient jdbc;

    public JdbcAcceptedQuestions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void accepted(AcceptedQuestion question) {
        InboundMessage message = question.message();
        Location location = message.location();
        Author author = message.author();
        jdbc.sql("""
                        INSERT INTO accepted_question (id, accepted_at, platform, scope_id, channel_id, thread_id,
                            message_id, author_id, author_name, author_roles, author_admin, author_bot, body,
                            reply_to, mentions_bot, direct_message, sent_at, conversation_root)
                        VALUES (:id, :acceptedAt, :platform, :scope, :channel, :thread, :message, :author,
                            :authorName, :roles, :admin, :bot, :body, :replyTo, :mentions, :direct, :sentAt, :root)""")
                .param("id", question.id())
                .param("acceptedAt", Timestamp.from(question.acceptedAt()))
                .param("platform", location.platform().name())
                .param("scope", location.scopeId())
                .param("channel", location.channelId())
                .param("thread", location.threadId())
                .param("message", message.messageId())
                .param("author", author.id())
                .param("authorName", author.displayName())
                .param("roles", String.join("\n", new TreeSet<>(author.roles())))
                .param("admin", author.admin())
                .param("bot", author.bot())
                .param("body", message.text())
                .param("replyTo", message.replyToMessageId())
                .param("mentions", message.mentionsBot())
                .param("direct", message.directMessage())
                .param("sentAt", Timestamp.from(message.sentAt()))
                .param("root", message.conversationRoot())
                .update();
    }

    @Override
    public void finished(String id) {
        jdbc.sql("DELETE FROM accepted_question WHERE id = :id").param("id", id).update();
    }

    @Override
    public List<AcceptedQuestion> pending(Platform platform) {
        return jdbc.sql("SELECT * FROM accepted_question WHERE platform = :platform ORDER BY seq")
                .param("platform", platform.name())
                .query((rs, row) -> question(rs))
                .list();
    }

    private static AcceptedQuestion question(ResultSet rs) throws SQLException {
        String roles = rs.getString("author_roles");
        var location = new Location(Platform.valueOf(rs.getString("platform")), rs.getString("scope_id"),
                rs.getString("channel_id"), rs.getString("thread_id"));
        var author = new Author(rs.getString("author_id"), rs.getString("author_name"),
                roles.isEmpty() ? Set.of() : Set.of(roles.split("\n")), rs.getBoolean("author_admin"),
                rs.getBoolean("author_bot"));
        var message = new InboundMessage(rs.getString("message_id"), location, author, rs.getString("body"),
                rs.getString("reply_to"), rs.getBoolean("mentions_bot"), rs.getBoolean("direct_message"),
                rs.getTimestamp("sent_at").toInstant(), rs.getString("conversation_root"));
        return new AcceptedQuestion(rs.getString("id"), message, rs.getTimestamp("accepted_at").toInstant());
    }
}
