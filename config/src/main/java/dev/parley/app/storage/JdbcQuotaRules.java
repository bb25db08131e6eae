package dev.parley.app.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.quota.Allowance;
import dev.parley.core.quota.OverrideTarget;
import dev.parley.core.quota.QuotaOverride;
import dev.parley.core.quota.QuotaPeriod;
import dev.parley.core.quota.QuotaRules;
import dev.parley.core.quota.QuotaUnit;
import dev.parley.core.settings.ScopeKey;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Admins' quota overrides and time zones in the quota_override and quota_zone tables. Every
 * question reads them, so they are cached; a change refreshes this process's cache at once and
 * reaches the other processes on the database within {@link #REFRESH}.
 */
public final class JdbcQuotaRules implements QuotaRules {

    static final Duration REFRESH = Duration.ofSeconds(30);

    private record Rules(List<QuotaOverride> overrides, Optional<ZoneId> zone) {}

    private final ScopeRows scopes;
    private final TransactionTemplate transactions;
    private final Cache<ScopeKey, Rules> cache = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(REFRESH).build();

    public JdbcQuotaRules(JdbcClient jdbc, TransactionTemplate transactions) {
        this.scopes = new ScopeRows(jdbc);
        this.transactions = transactions;
    }

    @Override
    public List<QuotaOverride> overrides(ScopeKey scope) {
        return cache.get(scope, this::load).overrides();
    }

    @Override
    public Optional<ZoneId> zone(ScopeKey scope) {
        return cache.get(scope, this::load).zone();
    }

    @Override
    public void set(ScopeKey scope, QuotaOverride override) {
        // delete and insert in one transaction: portable across H2 and PostgreSQL, unlike MERGE / ON CONFLICT
        transactions.executeWithoutResult(status -> {
            delete(scope, override.target(), override.targetId(), override.unit(), override.period());
            scopes.bound("""
                            INSERT INTO quota_override (platform, scope_id, target_kind, target_id, budget_unit,
                                budget_period, allowance)
                            VALUES (:platform, :scope, :target, :id, :unit, :period, :allowance)""", scope)
                    .param("target", override.target().name())
                    .param("id", override.targetId())
                    .param("unit", override.unit().name())
                    .param("period", override.period().name())
                    .param("allowance", override.allowance().unlimited() ? null : override.allowance().amount(),
                            java.sql.Types.BIGINT)
                    .update();
        });
        cache.invalidate(scope);
    }

    @Override
    public int clear(ScopeKey scope, OverrideTarget target, String targetId, @Nullable QuotaUnit unit,
            @Nullable QuotaPeriod period) {
        int removed = delete(scope, target, targetId, unit, period);
        cache.invalidate(scope);
        return removed;
    }

    private int delete(ScopeKey scope, OverrideTarget target, String targetId, @Nullable QuotaUnit unit,
            @Nullable QuotaPeriod period) {
        return scopes.bound("""
                        DELETE FROM quota_override
                        WHERE platform = :platform AND scope_id = :scope AND target_kind = :target AND target_id = :id
                          AND (:unit = '' OR budget_unit = :unit) AND (:period = '' OR budget_period = :period)""", scope)
                .param("target", target.name())
                .param("id", targetId)
                .param("unit", unit == null ? "" : unit.name())
                .param("period", period == null ? "" : period.name())
                .update();
    }

    @Override
    public void zone(ScopeKey scope, ZoneId zone) {
        transactions.executeWithoutResult(status -> {
            scopes.bound("DELETE FROM quota_zone WHERE platform = :platform AND scope_id = :scope", scope)
                    .update();
            scopes.bound("INSERT INTO quota_zone (platform, scope_id, zone_id) VALUES (:platform, :scope, :zone)", scope)
                    .param("zone", zone.getId())
                    .update();
        });
        cache.invalidate(scope);
    }

    private Rules load(ScopeKey scope) {
        List<QuotaOverride> overrides = scopes.bound("""
                        SELECT target_kind, target_id, budget_unit, budget_period, allowance FROM quota_override
                        WHERE platform = :platform AND scope_id = :scope
                        ORDER BY target_kind, target_id, budget_unit, budget_period""", scope)
                .query((rs, n) -> {
                    long allowance = rs.getLong("allowance");
                    return new QuotaOverride(OverrideTarget.valueOf(rs.getString("target_kind")),
                            rs.getString("target_id"), QuotaUnit.valueOf(rs.getString("budget_unit")),
                            QuotaPeriod.valueOf(rs.getString("budget_period")),
                            rs.wasNull() ? Allowance.UNLIMITED : new Allowance(allowance));
                })
                .list();
        Optional<ZoneId> zone = scopes.bound("SELECT zone_id FROM quota_zone WHERE platform = :platform AND scope_id = :scope", scope)
                .query(String.class)
                .optional()
                .map(ZoneId::of);
        return new Rules(overrides, zone);
    }
}
