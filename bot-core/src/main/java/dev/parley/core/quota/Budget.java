package dev.parley.core.quota;

import java.util.Objects;

/** One kind of budget: whose use it counts, in what and over which period, such as a user's tokens per day. */
public record Budget(QuotaLevel level, QuotaUnit unit, QuotaPeriod period) {

    public Budget {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(period, "period");
    }
}
