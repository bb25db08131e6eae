package dev.parley.app.storage;

import dev.parley.core.privacy.DataSubject;
import dev.parley.core.privacy.Erasure;
import dev.parley.core.privacy.ExportSection;
import dev.parley.core.privacy.PersonalData;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A user's quota usage ({@code quota_usage} rows of level USER) and the budgets admins set for
 * them ({@code quota_override} of target USER). The user's daily counters are deleted; the
 * channel's and scope's totals, which name nobody, keep counting what the user used. An admin's
 * budget for the user is kept: it is the admin's decision, and forgetting must not lift a limit.
 */
public final class JdbcUsageData implements PersonalData {

    private static final String USAGE = """
            FROM quota_usage WHERE platform = :platform AND scope_id = :scope AND counter_level = 'USER'
            AND subject_id = :user""";
    private static final String BUDGETS = """
            FROM quota_override WHERE platform = :platform AND scope_id = :scope AND target_kind = 'USER'
            AND target_id = :user""";

    private final SubjectRows rows;

    public JdbcUsageData(JdbcClient jdbc) {
        this.rows = new SubjectRows(jdbc);
    }

    @Override
    public String section() {
        return "usage";
    }

    @Override
    public ExportSection export(DataSubject subject) {
        return rows.section(section(), subject,
                "SELECT 'daily-usage' AS kind, usage_day, messages, tokens " + USAGE + " ORDER BY usage_day",
                "SELECT 'budget' AS kind, budget_unit, budget_period, allowance " + BUDGETS);
    }

    @Override
    public Erasure forget(DataSubject subject) {
        int deleted = rows.update("DELETE " + USAGE, subject);
        long budgets = rows.bound("SELECT COUNT(*) " + BUDGETS, subject).query(Long.class).single();
        return new Erasure(section(), deleted, budgets == 0 ? List.of()
                : List.of("the budget an admin set for you (an admin can clear it with /quota clear)"));
    }
}
