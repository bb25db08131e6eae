package dev.parley.app.storage;

import dev.parley.core.privacy.DataSubject;
import dev.parley.core.privacy.Erasure;
import dev.parley.core.privacy.ExportSection;
import dev.parley.core.privacy.PersonalData;
import java.sql.Timestamp;
import java.time.InstantSource;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A user's feedback rows (V11): the answers recorded for them, their votes, their opt-out.
 * Forgetting deletes the answers (with every vote on them) and the user's votes, and records an
 * opt-out, so that nothing of theirs is recorded or exported again; the opt-out is the one row
 * that still names them, kept for that purpose.
 */
public final class JdbcFeedbackData implements PersonalData {

    private static final String EXCHANGES = """
            FROM feedback_exchange WHERE platform = :platform AND scope_id = :scope AND author_id = :user""";
    private static final String VOTES = """
            FROM feedback_vote WHERE voter_id = :user AND exchange_id IN (SELECT id FROM feedback_exchange
            WHERE platform = :platform AND scope_id = :scope)""";
    private static final String OPT_OUT = """
            FROM feedback_optout WHERE platform = :platform AND scope_id = :scope AND user_id = :user""";

    private final SubjectRows rows;
    private final TransactionTemplate transactions;
    private final InstantSource clock;

    public JdbcFeedbackData(JdbcClient jdbc, TransactionTemplate transactions, InstantSource clock) {
        this.rows = new SubjectRows(jdbc);
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public String section() {
        return "feedback";
    }

    @Override
    public ExportSection export(DataSubject subject) {
        return rows.section(section(), subject,
                "SELECT 'answer' AS kind, id, created_at, channel_id, user_text, answer_text " + EXCHANGES + " ORDER BY id",
                "SELECT 'vote' AS kind, exchange_id, vote, voted_at " + VOTES,
                "SELECT 'opt-out' AS kind, since " + OPT_OUT);
    }

    @Override
    public Erasure forget(DataSubject subject) {
        Integer deleted = transactions.execute(status -> {
            int votesOnTheirs = rows.update("DELETE FROM feedback_vote WHERE exchange_id IN (SELECT id " + EXCHANGES + ")",
                    subject);
            int theirVotes = rows.update("DELETE " + VOTES, subject);
            int exchanges = rows.update("DELETE " + EXCHANGES, subject);
            if (rows.bound("SELECT COUNT(*) " + OPT_OUT, subject).query(Long.class).single() == 0) {
                rows.bound("INSERT INTO feedback_optout (platform, scope_id, user_id, since) VALUES (:platform, :scope, :user, :since)",
                        subject).param("since", Timestamp.from(clock.instant())).update();
            }
            return votesOnTheirs + theirVotes + exchanges;
        });
        return new Erasure(section(), deleted == null ? 0 : deleted,
                List.of("your opt-out, so that no feedback of yours is recorded or exported again"));
    }
}
