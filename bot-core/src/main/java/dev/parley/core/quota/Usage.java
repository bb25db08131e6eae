package dev.parley.core.quota;

/** What has been used in a period: answered questions and model tokens. */
public record Usage(long messages, long tokens) {

    /** Nothing used. */
    public static final Usage NONE = new Usage(0, 0);

    /** The amount of {@code unit} used. */
    public long of(QuotaUnit unit) {
        return unit == QuotaUnit.MESSAGES ? messages : tokens;
    }
}
