package dev.parley.app.storage;

import dev.parley.core.experiment.ExperimentStats;
import dev.parley.core.experiment.VariantCounts;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The A/B report's counts from the feedback tables (V11): exchanges recorded with a variant, and
 * how many of them their votes rate 👍 or 👎 on balance.
 */
public final class JdbcExperimentStats implements ExperimentStats {

    private final JdbcClient jdbc;

    public JdbcExperimentStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public VariantCounts counts(String variant) {
        // an exchange is the unit of the rate: several voters on one answer rate it once, by their balance
        return jdbc.sql("""
                        SELECT COUNT(*) AS exchanges,
                               COALESCE(SUM(CASE WHEN t.net > 0 THEN 1 ELSE 0 END), 0) AS up,
                               COALESCE(SUM(CASE WHEN t.net < 0 THEN 1 ELSE 0 END), 0) AS down
                        FROM (SELECT e.id, COALESCE(SUM(v.vote), 0) AS net
                              FROM feedback_exchange e LEFT JOIN feedback_vote v ON v.exchange_id = e.id
                              WHERE e.variant = :variant
                              GROUP BY e.id) t""")
                .param("variant", variant)
                .query((rs, n) -> new VariantCounts(rs.getLong("exchanges"), rs.getLong("up"), rs.getLong("down")))
                .single();
    }
}
