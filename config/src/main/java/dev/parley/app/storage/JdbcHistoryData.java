package dev.parley.app.storage;

import dev.parley.core.privacy.DataSubject;
import dev.parley.core.privacy.Erasure;
import dev.parley.core.privacy.ExportSection;
import dev.parley.core.privacy.PersonalData;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A user's archived conversation turns ({@code history_exchange} rows they asked). Rows archived
 * before V13 name no author and are neither exported nor deleted here; the answer says how many
 * such rows the scope holds, since they may be the user's.
 */
public final class JdbcHistoryData implements PersonalData {

    private static final String MINE = "FROM history_exchange WHERE platform = :platform AND scope_id = :scope AND user_id = :user";

    private final SubjectRows rows;

    public JdbcHistoryData(JdbcClient jdbc) {
        this.rows = new SubjectRows(jdbc);
    }

    @Override
    public String section() {
        return "conversation";
    }

    @Override
    public ExportSection export(DataSubject subject) {
        return new ExportSection(section(), rows.rows("SELECT at, channel_id, thread_id, user_text, reply " + MINE
                + " ORDER BY id", subject));
    }

    @Override
    public Erasure forget(DataSubject subject) {
        int deleted = rows.update("DELETE " + MINE, subject);
        long unattributed = rows.bound("""
                SELECT COUNT(*) FROM history_exchange WHERE platform = :platform AND scope_id = :scope
                AND user_id = ''""", subject).query(Long.class).single();
        return new Erasure(section(), deleted, unattributed == 0 ? List.of() : List.of(unattributed
                + " older conversation turns here that name no author (they expire with the history's retention;"
                + " /reset deletes a conversation's)"));
    }
}
