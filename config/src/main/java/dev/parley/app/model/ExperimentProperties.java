package dev.parley.app.model;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.model.experiment.*}: an A/B test of two LoRA adapters (llama backend). Variant A is
 * {@code parley.model.lora.*} (or the base model when none is set), variant B the adapter below;
 * a conversation stays on the variant a hash of (salt, conversation) gives it.
 *
 * @param enabled whether the experiment runs
 * @param variantB the candidate adapter
 * @param fraction the share of conversations on B, within [0, 1]
 * @param salt changes which conversations land on B; set a new one for a new experiment
 */
@ConfigurationProperties("parley.model.experiment")
public record ExperimentProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue VariantB variantB,
        @DefaultValue("0.5") double fraction,
        @DefaultValue("") String salt) {

    /**
     * {@code parley.model.experiment.variant-b.*}.
     *
     * @param loraPath the adapter GGUF of variant B
     * @param scale how strongly it applies on B's conversations
     */
    public record VariantB(@Nullable Path loraPath, @DefaultValue("1.0") float scale) {}
}
