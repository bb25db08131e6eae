package dev.parley.testkit.gguf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A generated base model and a LoRA adapter made for it, written side by side into one folder:
 * where the tests of adapter loading start.
 *
 * @param model the base model, for more adapters or models of its shape
 * @param base the base model's file
 * @param adapter the file of {@link TinyLoraAdapter#of} the base model
 */
public record TinyAdaptedModel(TinyLlamaModel model, Path base, Path adapter) {

    /** Writes the default {@link TinyLlamaModel} to {@code dir/baseName} and its adapter to {@code dir/adapterName}. */
    public static TinyAdaptedModel writeTo(Path dir, String baseName, String adapterName) throws IOException {
        TinyLlamaModel model = TinyLlamaModel.builder().build();
        Path base = dir.resolve(baseName);
        model.writeTo(base);
        Path adapter = dir.resolve(adapterName);
        TinyLoraAdapter.of(model).writeTo(adapter);
        return new TinyAdaptedModel(model, base, adapter);
    }

    /**
     * Writes, beside the base model, a second adapter of the same shape whose weights differ (another
     * seed), such as an A/B experiment's variant B.
     */
    public Path writeOtherAdapter(String name) throws IOException {
        Path file = base.resolveSibling(name);
        new TinyLoraAdapter(model, 4, 4f, 8, List.of("attn_q", "attn_v", "ffn_up")).writeTo(file);
        return file;
    }
}
