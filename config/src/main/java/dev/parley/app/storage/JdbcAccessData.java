package dev.parley.app.storage;

import dev.parley.core.privacy.DataSubject;
import dev.parley.core.privacy.Erasure;
import dev.parley.core.privacy.ExportSection;
import dev.parley.core.privacy.PersonalData;
import java.sql.Timestamp;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the access lists hold about a user: list entries naming them, their mute, their strikes.
 * Forgetting deletes strikes, allow entries and a mute that has ended, and keeps an admin's ban
 * and a mute still running, so that nobody escapes either by asking to be forgotten.
 */
public final class JdbcAccessData implements PersonalData {

    private static final String ENTRIES = """
            FROM access_entry WHERE platform = :platform AND scope_id = :scope AND kind = 'USER' AND target_id = :user""";
    private static final String MUTE = "FROM access_mute WHERE platform = :platform AND scope_id = :scope AND user_id = :user";
    private static final String STRIKES = "FROM access_strike WHERE platform = :platform AND scope_id = :scope AND user_id = :user";

    private final SubjectRows rows;
    private final InstantSource clock;

    public JdbcAccessData(JdbcClient jdbc, InstantSource clock) {
        this.rows = new SubjectRows(jdbc);
        this.clock = clock;
    }

    @Override
    public String section() {
        return "access";
    }

    @Override
    public ExportSection export(DataSubject subject) {
        return rows.section(section(), subject,
                "SELECT 'list-entry' AS kind, mode, reason, created_at " + ENTRIES,
                "SELECT 'mute' AS kind, muted_since, muted_until, reason " + MUTE,
                "SELECT 'strike' AS kind, struck_at, reason " + STRIKES + " ORDER BY struck_at");
    }

    @Override
    public Erasure forget(DataSubject subject) {
        Timestamp now = Timestamp.from(clock.instant());
        int deleted = rows.update("DELETE " + ENTRIES + " AND mode <> 'BLOCK'", subject)
                + rows.update("DELETE " + STRIKES, subject)
                + rows.bound("DELETE " + MUTE + " AND muted_until <= :now", subject).param("now", now).update();
        List<String> kept = new ArrayList<>();
        if (rows.bound("SELECT COUNT(*) " + ENTRIES, subject).query(Long.class).single() > 0) {
            kept.add("an admin's ban (only an admin can lift it)");
        }
        if (rows.bound("SELECT COUNT(*) " + MUTE, subject).query(Long.class).single() > 0) {
            kept.add("your mute, until it ends");
        }
        return new Erasure(section(), deleted, kept);
    }
}
