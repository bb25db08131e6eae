package dev.parley.model.llama;

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
        String file = path.getFileName().toString();
        return file.endsWith(".gguf") ? file.substring(0, file.length() - 5) : file;
    }
}
