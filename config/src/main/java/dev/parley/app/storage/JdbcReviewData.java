package dev.parley.app.storage;

import dev.parley.core.privacy.DataSubject;
import dev.parley.core.privacy.Erasure;
import dev.parley.core.privacy.ExportSection;
import dev.parley.core.privacy.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Review items about a user's blocked messages ({@code review_item}). Forgetting keeps each item's
 * keyed hash, category and scores, so what moderation caught and how admins judged it stay
 * countable, but drops its text and excerpt and no longer says whose it was; items the user
 * resolved as an admin no longer say who resolved them. An admin's ban that resolved an item lives
 * in the access list and stays.
 */
public final class JdbcReviewData implements PersonalData {

    private static final String IN_SCOPE = "review_item WHERE platform = :platform AND scope_id = :scope";

    private final SubjectRows rows;

    public JdbcReviewData(JdbcClient jdbc) {
        this.rows = new SubjectRows(jdbc);
    }

    @Override
    public String section() {
        return "review";
    }

    @Override
    public ExportSection export(DataSubject subject) {
        return new ExportSection(section(), rows.rows("SELECT created_at, category, direction, resolution, resolved_at,"
                + " blocked_text, excerpt FROM " + IN_SCOPE + " AND author_id = :user ORDER BY created_at", subject));
    }

    @Override
    public Erasure forget(DataSubject subject) {
        int authored = rows.bound("UPDATE " + IN_SCOPE.replace("WHERE", "SET author_id = :anonymous, blocked_text = NULL,"
                + " excerpt = NULL WHERE") + " AND author_id = :user", subject).param("anonymous", ANONYMOUS_ID).update();
        int resolved = rows.bound("UPDATE " + IN_SCOPE.replace("WHERE", "SET resolved_by = :anonymous WHERE")
                + " AND resolved_by = :user", subject).param("anonymous", ANONYMOUS_ID).update();
        return Erasure.of(section(), authored + resolved);
    }
}
