package dev.parley.core.quota;

import java.util.Map;

/**
 * The configured budgets, before admins' overrides: the most each budget allows. A budget not
 * named is unlimited, so {@link #NONE} changes nothing.
 */
public record QuotaLimits(Map<Budget, Long> limits) {

    /** No budget anywhere. */
    public static final QuotaLimits NONE = new QuotaLimits(Map.of());

    public QuotaLimits {
        limits = Map.copyOf(limits);
        limits.forEach((budget, limit) -> {
            if (limit < 0) {
                throw new IllegalArgumentException("the budget " + budget + " must not be negative, was " + limit);
            }
        });
    }

    /** The configured limit of {@code budget}, or {@link Allowance#UNLIMITED}. */
    public Allowance of(Budget budget) {
        Long limit = limits.get(budget);
        return limit == null ? Allowance.UNLIMITED : new Allowance(limit);
    }
}
