package dev.parley.core.experiment;

import org.jspecify.annotations.Nullable;

/**
 * What one variant serves.
 *
 * @param adapter the LoRA adapter's name (its file name without {@code .gguf}), or null for the
 *     base model alone
 * @param scale how strongly the adapter is applied when this variant answers
 */
public record Arm(@Nullable String adapter, float scale) {

    public Arm {
        if (adapter != null && adapter.isBlank()) {
            throw new IllegalArgumentException("an adapter name must not be blank");
        }
        if (!(scale >= -10f && scale <= 10f)) {
            throw new IllegalArgumentException("the scale of adapter '" + adapter + "' must be within [-10, 10], was " + scale);
        }
    }

    /** "name at scale s", or "base model". */
    public String describe() {
        return adapter == null ? "base model" : adapter + " at scale " + scale;
    }
}
