package dev.parley.core.modelswap;

/** What became of a {@code /model load} or {@code /model rollback}. */
public sealed interface SwapOutcome {

    /** {@code now} serves new requests; {@code before} finishes its replies and is closed. */
    record Switched(ModelInfo before, ModelInfo now) implements SwapOutcome {}

    /** The candidate failed a check; the serving model stayed. */
    record Refused(String reason) implements SwapOutcome {}

    /** Nothing was tried: another load is running, or there is nothing to roll back to. */
    record NotTried(String reason) implements SwapOutcome {}
}
