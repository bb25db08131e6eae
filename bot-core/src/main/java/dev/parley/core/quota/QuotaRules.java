package dev.parley.core.quota;

import dev.parley.core.settings.ScopeKey;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The port to what admins set about quotas in each scope: overrides and the time zone; kept across restarts in production. */
public interface QuotaRules {

    /** Every override set in {@code scope}. */
    List<QuotaOverride> overrides(ScopeKey scope);

    /** Sets {@code override}, replacing one of the same target, unit and period. */
    void set(ScopeKey scope, QuotaOverride override);

    /**
     * Removes the overrides of {@code target} {@code targetId}, of {@code unit} and {@code period}
     * where given (null: any).
     *
     * @return how many were removed
     */
    int clear(ScopeKey scope, OverrideTarget target, String targetId, @Nullable QuotaUnit unit,
            @Nullable QuotaPeriod period);

    /** The time zone an admin chose for {@code scope}, if any. */
    Optional<ZoneId> zone(ScopeKey scope);

    /** Chooses {@code zone} for {@code scope}'s periods. */
    void zone(ScopeKey scope, ZoneId zone);
}
