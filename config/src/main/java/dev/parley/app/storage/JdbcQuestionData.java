package dev.parley.app.storage;

import dev.parley.core.privacy.DataSubject;
import dev.parley.core.privacy.Erasure;
import dev.parley.core.privacy.ExportSection;
import dev.parley.core.privacy.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A user's questions accepted and not answered yet ({@code accepted_question}, kept so that a
 * killed process answers them after a restart). Forgetting deletes them: such a question is then
 * not taken again after a crash.
 */
public final class JdbcQuestionData implements PersonalData {

    private static final String MINE = "FROM accepted_question WHERE platform = :platform AND scope_id = :scope AND author_id = :user";

    private final SubjectRows rows;

    public JdbcQuestionData(JdbcClient jdbc) {
        this.rows = new SubjectRows(jdbc);
    }

    @Override
    public String section() {
        return "pending-questions";
    }

    @Override
    public ExportSection export(DataSubject subject) {
        return new ExportSection(section(), rows.rows("SELECT accepted_at, channel_id, author_name, body " + MINE
                + " ORDER BY seq", subject));
    }

    @Override
    public Erasure forget(DataSubject subject) {
        return Erasure.of(section(), rows.update("DELETE " + MINE, subject));
    }
}
