package dev.parley.app.storage;

import dev.parley.core.privacy.DataSubject;
import dev.parley.core.privacy.Erasure;
import dev.parley.core.privacy.ExportSection;
import dev.parley.core.privacy.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A user's answers that can still be regenerated ({@code regenerable_answer}, kept 24 hours so
 * that the button works after a restart). Forgetting deletes them: their buttons then answer that
 * the answer can no longer be regenerated.
 */
public final class JdbcRegenerableData implements PersonalData {

    private static final String MINE = "FROM regenerable_answer WHERE platform = :platform AND scope_id = :scope"
            + " AND author_id = :user";

    private final SubjectRows rows;

    public JdbcRegenerableData(JdbcClient jdbc) {
        this.rows = new SubjectRows(jdbc);
    }

    @Override
    public String section() {
        return "regenerable-answers";
    }

    @Override
    public ExportSection export(DataSubject subject) {
        return new ExportSection(section(), rows.rows("SELECT shown_at, channel_id, author_name, question_text,"
                + " answer_text " + MINE + " ORDER BY shown_at", subject));
    }

    @Override
    public Erasure forget(DataSubject subject) {
        return Erasure.of(section(), rows.update("DELETE " + MINE, subject));
    }
}
