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
 */
public final class Experiment {

    private final @Nullable Split split;
    private final Arm a;
    private final Arm b;

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

    public boolean running() {
        return split != null;
    }

    public Arm arm(Variant variant) {
        return variant == Variant.A ? a : b;
    }

    /** The conversation's variant; empty when no experiment runs. */
    public Optional<Variant> variantOf(ConversationKey key) {
        return split == null ? Optional.empty() : Optional.of(split.variantOf(name(key)));
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
        put(scales, a, variant.get() == Variant.A);
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
