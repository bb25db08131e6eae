package dev.parley.app.storage;

import dev.parley.core.privacy.DataSubject;
import dev.parley.core.privacy.Erasure;
import dev.parley.core.privacy.ExportSection;
import dev.parley.core.privacy.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit log's entries a user is the actor of (their blocked prompts, their exports, what they
 * changed as an admin). The log is the scope's record and keeps its lines: forgetting replaces the
 * user's id in them with {@link PersonalData#ANONYMOUS_ID}. Entries by admins whose detail names the
 * user (a ban, a mute) are the admins' record and stay as written.
 */
public final class JdbcAuditData implements PersonalData {

    private static final String MINE = "audit_log WHERE platform = :platform AND scope_id = :scope AND actor_id = :user";

    private final SubjectRows rows;

    public JdbcAuditData(JdbcClient jdbc) {
        this.rows = new SubjectRows(jdbc);
    }

    @Override
    public String section() {
        return "audit";
    }

    @Override
    public ExportSection export(DataSubject subject) {
        return new ExportSection(section(), rows.rows("SELECT at, action, detail FROM " + MINE + " ORDER BY id", subject));
    }

    @Override
    public Erasure forget(DataSubject subject) {
        int anonymised = rows.bound("UPDATE " + MINE.replace("WHERE", "SET actor_id = :anonymous WHERE"), subject)
                .param("anonymous", ANONYMOUS_ID).update();
        return Erasure.of(section(), anonymised);
    }
}
