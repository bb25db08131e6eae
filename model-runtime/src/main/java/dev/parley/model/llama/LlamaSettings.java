package dev.parley.model.llama;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to load a llama.cpp model. Every number is checked here, because llama.cpp's argument
 * parser answers a value it rejects with a null native handle and a segfault on first use
 * (crash trigger 5 of {@code notes/llama-jni.md}).
 *
 * @param modelPath the GGUF file
 * @param threads CPU threads for generation, 1 to 512
 * @param contextSize tokens of context per slot (prompt plus reply), 16 to 1,048,576; llama.cpp
 *     splits its context across the slots, so it is given {@code contextSize * parallel}
 * @param parallel how many replies are generated at once (slots), 1 to 64
 * @param gpuLayers layers offloaded to a GPU, 0 for none (the library's own build is CPU only)
 * @param nativeLibraryDirectory a directory holding {@code libjllama.so} (a GPU build, say), or
 *     null to use the system property {@code de.kherud.llama.lib.path} or the library in the jar
 */
public record LlamaSettings(
        Path modelPath,
        int threads,
        int contextSize,
        int parallel,
        int gpuLayers,
        @Nullable Path nativeLibraryDirectory) {

    public LlamaSettings {
        Objects.requireNonNull(modelPath, "modelPath");
        requireWithin("threads", threads, 1, 512);
        requireWithin("contextSize", contextSize, 16, 1 << 20);
        requireWithin("parallel", parallel, 1, 64);
        requireWithin("gpuLayers", gpuLayers, 0, 10_000);
    }

    /** Settings for {@code modelPath}: up to 4 threads, 2048 tokens, one slot, CPU only. */
    public static LlamaSettings of(Path modelPath) {
        int threads = Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 4);
        return new LlamaSettings(modelPath, threads, 2048, 1, 0, null);
    }

    public LlamaSettings withThreads(int threads) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, nativeLibraryDirectory);
    }

    public LlamaSettings withContextSize(int contextSize) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, nativeLibraryDirectory);
    }

    public LlamaSettings withParallel(int parallel) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, nativeLibraryDirectory);
    }

    public LlamaSettings withGpuLayers(int gpuLayers) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, nativeLibraryDirectory);
    }

    public LlamaSettings withNativeLibraryDirectory(@Nullable Path directory) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, directory);
    }

    /** The context llama.cpp is given: every slot gets {@link #contextSize()} tokens of it. */
    int totalContextSize() {
        return contextSize * parallel;
    }

    private static void requireWithin(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be within [" + min + ", " + max + "], was " + value);
        }
    }
}
