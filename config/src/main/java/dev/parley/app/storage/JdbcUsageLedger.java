package dev.parley.app.storage;

import dev.parley.core.quota.QuotaLevel;
import dev.parley.core.quota.Usage;
import dev.parley.core.quota.UsageLedger;
import dev.parley.core.quota.UserUsage;
import dev.parley.core.settings.ScopeKey;
import java.time.LocalDate;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Usage counters in the quota_usage table, one row per user, channel and scope per day. A charge
 * adds to each row in one {@code UPDATE ... SET messages = messages + :n}: the database does the
 * arithmetic under its row lock, so two processes charging at once both count. The first charge
 * of a day inserts the row; when another process inserted it first, the insert's duplicate key
 * sends this one back to the update. (Portable: H2 has no {@code ON CONFLICT DO UPDATE}, and
 * PostgreSQL's {@code MERGE} can fail the same way under concurrent inserts.) Never cached: every
 * process must see the others' charges.
 */
public final class JdbcUsageLedger implements UsageLedger {

    /** The subject of the scope's own counter. */
    static final String WHOLE_SCOPE = "*";

    private final JdbcClient jdbc;
    private final ScopeRows scopes;

    public JdbcUsageLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.scopes = new ScopeRows(jdbc);
    }

    @Override
    public void charge(ScopeKey scope, String channelId, String userId, LocalDate day, Usage usage) {
        add(scope, QuotaLevel.USER, userId, day, usage);
        add(scope, QuotaLevel.CHANNEL, channelId, day, usage);
        add(scope, QuotaLevel.SERVER, WHOLE_SCOPE, day, usage);
    }

    private void add(ScopeKey scope, QuotaLevel level, String subject, LocalDate day, Usage usage) {
        if (increment(scope, level, subject, day, usage)) {
            return;
        }
        try {
            scopes.bound("""
                            INSERT INTO quota_usage (platform, scope_id, counter_level, subject_id, usage_day, messages, tokens)
                            VALUES (:platform, :scope, :level, :subject, :day, :messages, :tokens)""", scope)
                    .param("level", level.name())
                    .param("subject", subject)
                    .param("day", day)
                    .param("messages", usage.messages())
                    .param("tokens", usage.tokens())
                    .update();
        } catch (DuplicateKeyException e) {
            // another process inserted the day's row between our update and insert: add to it
            if (!increment(scope, level, subject, day, usage)) {
                throw new IllegalStateException("the usage row of " + scope + " " + level + " " + day
                        + " exists and cannot be found", e);
            }
        }
    }

    private boolean increment(ScopeKey scope, QuotaLevel level, String subject, LocalDate day, Usage usage) {
        return scopes.bound("""
                        UPDATE quota_usage SET messages = messages + :messages, tokens = tokens + :tokens
                        WHERE platform = :platform AND scope_id = :scope AND counter_level = :level
                          AND subject_id = :subject AND usage_day = :day""", scope)
                .param("messages", usage.messages())
                .param("tokens", usage.tokens())
                .param("level", level.name())
                .param("subject", subject)
                .param("day", day)
                .update() == 1;
    }

    @Override
    public Usage used(ScopeKey scope, QuotaLevel level, String subjectId, LocalDate first, LocalDate last) {
        return scopes.bound("""
                        SELECT COALESCE(SUM(messages), 0) AS messages, COALESCE(SUM(tokens), 0) AS tokens
                        FROM quota_usage
                        WHERE platform = :platform AND scope_id = :scope AND counter_level = :level
                          AND subject_id = :subject AND usage_day BETWEEN :first AND :last""", scope)
                .param("level", level.name())
                .param("subject", level == QuotaLevel.SERVER ? WHOLE_SCOPE : subjectId)
                .param("first", first)
                .param("last", last)
                .query((rs, n) -> new Usage(rs.getLong("messages"), rs.getLong("tokens")))
                .single();
    }

    @Override
    public List<UserUsage> top(ScopeKey scope, LocalDate first, LocalDate last, int count) {
        return scopes.bound("""
                        SELECT subject_id, SUM(messages) AS messages, SUM(tokens) AS tokens
                        FROM quota_usage
                        WHERE platform = :platform AND scope_id = :scope AND counter_level = 'USER'
                          AND usage_day BETWEEN :first AND :last
                        GROUP BY subject_id
                        ORDER BY SUM(tokens) DESC, subject_id""" + " LIMIT " + Math.max(0, count), scope)
                .param("first", first)
                .param("last", last)
                .query((rs, n) -> new UserUsage(rs.getString("subject_id"),
                        new Usage(rs.getLong("messages"), rs.getLong("tokens"))))
                .list();
    }
}
