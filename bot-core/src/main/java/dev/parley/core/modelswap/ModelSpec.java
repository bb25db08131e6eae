package dev.parley.core.modelswap;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which model to serve: a GGUF file and, optionally, one LoRA adapter applied at a scale.
 *
 * @param model the model file
 * @param lora the adapter file, or null for none
 * @param loraScale how strongly the adapter applies (0 is the base model, 1 the adapter as trained; within [-10, 10]); ignored without an adapter
 */
public record ModelSpec(Path model, @Nullable Path lora, float loraScale) {

    public ModelSpec {
        Objects.requireNonNull(model, "model");
        if (!(loraScale >= -10f && loraScale <= 10f)) {
            throw new IllegalArgumentException("the LoRA scale must be between -10 and 10, was " + loraScale);
        }
    }

    /** A model without an adapter. */
    public static ModelSpec of(Path model) {
        return new ModelSpec(model, null, 1f);
    }

    /** The name personas give the adapter: its file name without {@code .gguf}. */
    public static String adapterName(Path adapter) {
        String file = adapter.getFileName().toString();
        return file.endsWith(".gguf") ? file.substring(0, file.length() - 5) : file;
    }

    /** The names of the adapters this spec loads: none, or the one adapter's. */
    public Set<String> adapterNames() {
        return lora == null ? Set.of() : Set.of(adapterName(lora));
    }

    /** The file and adapter as an operator reads them: {@code a.gguf + b.gguf x0.5}. */
    public String describe() {
        return model.getFileName() + (lora == null ? "" : " + " + lora.getFileName() + " x" + loraScale);
    }
}
