package dev.parley.core.experiment;

import dev.parley.core.conversation.ConversationKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The A/B experiment between two adapters of one loaded model, or none ({@link #off()}). A
 * conversation's variant comes from {@link Split}; its requests set the own variant's adapter to
 * its scale and the other variant's adapter to 0. A persona's explicit scale for an adapter name
 * still wins for that name, as the persona was chosen on purpose for its channel.
 *
 * <p>A {@code /model load} ({@link #afterSwap}) makes the new model's own adapter variant A; B runs
 * on where its adapter loaded on the new model, and otherwise the experiment stops, with the reason
 * for {@code /model show} and {@code /model experiment show}, until a later swap loads it again.
 */
public final class Experiment {

    private final @Nullable Split split;
    private volatile Arm a;
    private final Arm b;
    private volatile @Nullable String stopped;

    private Experiment(@Nullable Split split, Arm a, Arm b) {
        this.split = split;
        this.a = a;
        this.b = b;
    }

    /** An experiment running between {@code a} and {@code b}; B must name an adapter other than A's. */
    public static Experiment between(Split split, Arm a, Arm b) {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (b.adapter() == null) {
            throw new IllegalArgumentException("parley.model.experiment.variant-b.lora-path is required when the experiment is enabled");
        }
        if (b.adapter().equals(a.adapter())) {
            throw new IllegalArgumentException("variant B's adapter '" + b.adapter() + "' must differ from variant A's");
        }
        return new Experiment(split, a, b);
    }

    /** No experiment: requests keep the persona's scales and exchanges record variant "". */
    public static Experiment off() {
        return new Experiment(null, new Arm(null, 1f), new Arm(null, 1f));
    }

    /** Whether conversations are split now: an experiment was configured and has not stopped. */
    public boolean running() {
        return split != null && stopped == null;
    }

    /** Whether an experiment was configured ({@code parley.model.experiment.enabled}), running or stopped. */
    public boolean configured() {
        return split != null;
    }

    /** Why the experiment stopped after a model swap; empty while it runs or when none was configured. */
    public Optional<String> stoppedBecause() {
        return Optional.ofNullable(stopped);
    }

    /**
     * Follows a hot swap: the new model's own adapter ({@code servingNow}) becomes variant A. B runs
     * on unless {@code bMissing} says why its adapter did not load on the new model, or the new
     * model serves B's adapter as its own; then the experiment stops with that reason. Nothing
     * happens where no experiment was configured.
     */
    public void afterSwap(Arm servingNow, Optional<String> bMissing) {
        if (split == null) {
            return;
        }
        a = servingNow;
        if (bMissing.isPresent()) {
            stopped = "variant B's adapter " + b.adapter() + " did not load on the new model: " + bMissing.get();
        } else if (Objects.equals(servingNow.adapter(), b.adapter())) {
            stopped = "the model now serves variant B's adapter " + b.adapter() + " as its own";
        } else {
            stopped = null;
        }
    }

    public Arm arm(Variant variant) {
        return variant == Variant.A ? a : b;
    }

    /** The conversation's variant; empty when no experiment runs. */
    public Optional<Variant> variantOf(ConversationKey key) {
        Split running = split;
        return running == null || stopped != null ? Optional.empty() : Optional.of(running.variantOf(name(key)));
    }

    /** What {@code feedback_exchange.variant} records for the conversation: "a", "b", or "". */
    public String recorded(ConversationKey key) {
        return variantOf(key).map(Variant::recorded).orElse("");
    }

    /**
     * The adapter that answers the conversation's requests: its variant's adapter name ("" when
     * that variant is the base model alone) while the model serves A's adapter; empty when no
     * experiment runs or when {@code serving} is another adapter (a {@code /model load} replaced
     * the model without B's adapter), so the caller names the adapter the model serves with.
     */
    public Optional<String> answeringAdapter(ConversationKey key, String serving) {
        Arm a = this.a;
        String aName = a.adapter() == null ? "" : a.adapter();
        if (!serving.equals(aName)) {
            return Optional.empty();
        }
        return variantOf(key).map(variant -> {
            String adapter = arm(variant).adapter();
            return adapter == null ? "" : adapter;
        });
    }

    /** The adapter scales a request of the conversation sets, the persona's own names winning. */
    public Map<String, Float> scalesFor(ConversationKey key, Map<String, Float> persona) {
        Optional<Variant> variant = variantOf(key);
        if (variant.isEmpty()) {
            return persona;
        }
        Map<String, Float> scales = new HashMap<>();
        put(scales, this.a, variant.get() == Variant.A);
        put(scales, b, variant.get() == Variant.B);
        scales.putAll(persona);
        return scales;
    }

    private static void put(Map<String, Float> scales, Arm arm, boolean answering) {
        if (arm.adapter() != null) {
            scales.put(arm.adapter(), answering ? arm.scale() : 0f);
        }
    }

    /** The conversation's stable name: platform, scope, channel, thread and reply chain. */
    static String name(ConversationKey key) {
        var at = key.location();
        return at.platform().name() + ':' + at.scopeId() + ':' + at.channelId() + '/'
                + Objects.requireNonNullElse(at.threadId(), "") + '#' + Objects.requireNonNullElse(key.chainRoot(), "");
    }
}
