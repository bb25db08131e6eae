package dev.parley.app;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The feedback tables (#19) of one scope as an end-to-end test reads them: the exchanges recorded
 * there and which message shows each.
 *
 * @param platform as stored, e.g. {@code DISCORD}
 * @param scopeId the server's or chat's id as stored
 */
record FeedbackRows(JdbcClient jdbc, String platform, String scopeId) {

    /** The exchange the bot's message {@code replyMessage} shows, if it was recorded. */
    Optional<Long> exchangeShownBy(String replyMessage) {
        return jdbc.sql("SELECT id FROM feedback_exchange WHERE platform = ? AND scope_id = ? AND reply_message = ?")
                .param(platform).param(scopeId).param(replyMessage).query(Long.class).optional();
    }

    /** How many exchanges the scope recorded. */
    long exchanges() {
        return jdbc.sql("SELECT COUNT(*) FROM feedback_exchange WHERE platform = ? AND scope_id = ?")
                .param(platform).param(scopeId).query(Long.class).single();
    }
}
