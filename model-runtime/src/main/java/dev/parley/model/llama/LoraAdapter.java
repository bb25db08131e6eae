package dev.parley.model.llama;

import dev.parley.core.modelswap.ModelSpec;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A LoRA adapter GGUF applied on top of the base model, and how strongly.
 *
 * @param path the adapter file (GGUF with {@code general.type} "adapter")
 * @param scale how much of the adapter to apply: 0 is the base model, 1 the adapter as trained;
 *     within [-10, 10]
 */
public record LoraAdapter(Path path, float scale) {

    public LoraAdapter {
        Objects.requireNonNull(path, "path");
        if (!(scale >= -10f && scale <= 10f)) {
            throw new IllegalArgumentException("a LoRA scale must be within [-10, 10], was " + scale);
        }
    }

    /** The adapter's name: its file name without {@code .gguf}, as personas refer to it. */
    public String name() {
        return ModelSpec.adapterName(path);
    }
}
