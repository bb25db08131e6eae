package dev.parley.core.quota;

import java.util.Objects;

/**
 * A budget an admin set in a scope, instead of the configured one: for a user, a role, a channel
 * or the server ({@code targetId} is then the scope's id), in one unit over one period.
 */
public record QuotaOverride(OverrideTarget target, String targetId, QuotaUnit unit, QuotaPeriod period,
        Allowance allowance) {

    public QuotaOverride {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(allowance, "allowance");
        if (targetId == null || targetId.isBlank()) {
            throw new IllegalArgumentException("targetId must not be blank");
        }
    }

    /** The budget this override sets. */
    public Budget budget() {
        return new Budget(target.level(), unit, period);
    }

    /** Whether this override replaces {@code other}: same target, unit and period. */
    public boolean sameSlot(QuotaOverride other) {
        return target == other.target && targetId.equals(other.targetId) && unit == other.unit
                && period == other.period;
    }
}
