package dev.parley.core.quota;

/** How much a budget allows in its period: a number, or unlimited ({@link #UNLIMITED}). */
public record Allowance(long amount) {

    /** No limit. */
    public static final Allowance UNLIMITED = new Allowance(Long.MAX_VALUE);

    public Allowance {
        if (amount < 0) {
            throw new IllegalArgumentException("an allowance must not be negative, was " + amount);
        }
    }

    public boolean unlimited() {
        return amount == Long.MAX_VALUE;
    }

    /** Whether {@code used} leaves nothing: the next question would go over. */
    public boolean exhaustedBy(long used) {
        return !unlimited() && used >= amount;
    }

    /** What is left after {@code used}, never below zero. */
    public long leftAfter(long used) {
        return unlimited() ? Long.MAX_VALUE : Math.max(0, amount - used);
    }

    /** {@code 500} or {@code unlimited}. */
    public String describe() {
        return unlimited() ? "unlimited" : Long.toString(amount);
    }
}
