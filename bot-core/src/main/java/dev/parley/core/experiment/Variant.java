package dev.parley.core.experiment;

/** One arm of the experiment: A is the configured adapter (or the base model), B the candidate. */
public enum Variant {
    A, B;

    /** As {@code feedback_exchange.variant} keeps it: "a" or "b". */
    public String recorded() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
