package dev.parley.model.llamacpp;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.parley.testkit.gguf.TinyLlamaModel;
import dev.parley.testkit.gguf.TinyLoraAdapter;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The set-up shared by the tests that run llama.cpp on a generated model: skip where the build left
 * out the native library ({@code -Dparley.native.skip=true}), else write {@link TinyLlamaModel}'s
 * default model, and its {@link TinyLoraAdapter} when asked, into the test's own directory (a
 * {@code @TempDir}, which also cleans up).
 *
 * @param model the written model, {@value #MODEL} in the directory
 * @param adapter the written adapter, {@value #ADAPTER} in the directory, or {@code null} when none was asked for
 */
public record TinyModelFiles(Path model, @Nullable Path adapter) {

    /** The system property the build sets when it did not build the native library. */
    public static final String SKIP_PROPERTY = "parley.native.skip";
    /** The model's file name in the directory. */
    public static final String MODEL = "tiny-llama.gguf";
    /** The adapter's file name in the directory. */
    public static final String ADAPTER = "tiny-lora.gguf";

    /** Skips the calling test without the native library, else writes the tiny model into {@code directory} and returns it. */
    public static Path writeModel(Path directory) throws IOException {
        return write(directory, false, Boolean.getBoolean(SKIP_PROPERTY)).model();
    }

    /**
     * Skips the calling test without the native library, else writes {@code model} (another
     * architecture or vocabulary than the default one) into {@code directory} as {@code fileName}
     * and returns it.
     */
    public static Path writeModel(Path directory, TinyLlamaModel model, String fileName) throws IOException {
        assumeFalse(Boolean.getBoolean(SKIP_PROPERTY), "built with -D" + SKIP_PROPERTY + "=true: no native library");
        Path file = directory.resolve(fileName);
        model.writeTo(file);
        return file;
    }

    /** As {@link #writeModel(Path)}, and writes the model's LoRA adapter beside it. */
    public static TinyModelFiles writeModelAndAdapter(Path directory) throws IOException {
        return write(directory, true, Boolean.getBoolean(SKIP_PROPERTY));
    }

    // the skip decision is a parameter so that the fixture's own test need not set a JVM-wide property
    static TinyModelFiles write(Path directory, boolean withAdapter, boolean nativeSkipped) throws IOException {
        assumeFalse(nativeSkipped, "built with -D" + SKIP_PROPERTY + "=true: no native library");
        TinyLlamaModel model = TinyLlamaModel.builder().build();
        Path file = directory.resolve(MODEL);
        model.writeTo(file);
        if (!withAdapter) {
            return new TinyModelFiles(file, null);
        }
        Path adapter = directory.resolve(ADAPTER);
        TinyLoraAdapter.of(model).writeTo(adapter);
        return new TinyModelFiles(file, adapter);
    }
}
