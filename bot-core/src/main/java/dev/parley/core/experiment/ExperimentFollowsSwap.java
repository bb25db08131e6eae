package dev.parley.core.experiment;

import dev.parley.core.model.ChatModel;
import dev.parley.core.modelswap.LoadedModel;
import dev.parley.core.modelswap.ModelSpec;
import dev.parley.core.modelswap.SwapEvents;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps the A/B experiment in step with {@code /model load} and {@code /model rollback}: after each
 * switch, the new model's adapter is variant A, and B runs on only where its adapter loaded on the
 * new model ({@link Experiment#afterSwap}); then it tells {@code next} events, such as the meters.
 */
public final class ExperimentFollowsSwap implements SwapEvents {

    private final Experiment experiment;
    private final Function<ChatModel, Optional<String>> bMissing;
    private final SwapEvents next;

    /**
     * @param bMissing why variant B's adapter did not load on a model the loader loaded, or empty
     *     when it did
     */
    public ExperimentFollowsSwap(Experiment experiment, Function<ChatModel, Optional<String>> bMissing,
            SwapEvents next) {
        this.experiment = Objects.requireNonNull(experiment, "experiment");
        this.bMissing = Objects.requireNonNull(bMissing, "bMissing");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void switched(LoadedModel previous, LoadedModel now) {
        ModelSpec spec = now.info().spec();
        Arm servingNow = new Arm(spec.lora() == null ? null : ModelSpec.adapterName(spec.lora()), spec.loraScale());
        experiment.afterSwap(servingNow, bMissing.apply(now.model()));
        next.switched(previous, now);
    }

    @Override
    public void refused(ModelSpec candidate, String reason) {
        next.refused(candidate, reason);
    }
}
