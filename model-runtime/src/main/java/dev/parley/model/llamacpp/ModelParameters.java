package dev.parley.model.llamacpp;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to load a model and size its context.
 *
 * @param file the GGUF model file
 * @param contextSize tokens the context holds (prompt plus reply), 16 to 1,048,576
 * @param batchSize tokens decoded per native call while reading a prompt, 1 to {@code contextSize}
 * @param threads CPU threads for decoding, 1 to 512
 * @param gpuLayers layers to offload to a GPU; 0 on the CPU build (GPU builds are untested)
 * @param flashAttention whether llama.cpp uses its fused attention kernel
 */
public record ModelParameters(Path file, int contextSize, int batchSize, int threads, int gpuLayers,
        boolean flashAttention) {

    /** The largest context accepted, far above what today's small models are trained for. */
    public static final int MAX_CONTEXT_SIZE = 1 << 20;

    public ModelParameters {
        Objects.requireNonNull(file, "file");
        requireWithin("contextSize", contextSize, 16, MAX_CONTEXT_SIZE);
        requireWithin("batchSize", batchSize, 1, contextSize);
        requireWithin("threads", threads, 1, 512);
        requireWithin("gpuLayers", gpuLayers, 0, 10_000);
    }

    /** Parameters with flash attention off, llama.cpp's plain attention. */
    public ModelParameters(Path file, int contextSize, int batchSize, int threads, int gpuLayers) {
        this(file, contextSize, batchSize, threads, gpuLayers, false);
    }

    /** Parameters for {@code file}: a 2,048-token context, batches of 512, up to 4 threads, CPU only. */
    public static ModelParameters of(Path file) {
        return new ModelParameters(file, 2048, 512, Math.min(4, Runtime.getRuntime().availableProcessors()), 0);
    }

    /** These parameters with another context size (the batch size shrinks to fit it). */
    public ModelParameters withContextSize(int size) {
        return new ModelParameters(file, size, Math.min(batchSize, size), threads, gpuLayers, flashAttention);
    }

    /** These parameters with another thread count. */
    public ModelParameters withThreads(int count) {
        return new ModelParameters(file, contextSize, batchSize, count, gpuLayers, flashAttention);
    }

    /** These parameters with flash attention on or off. */
    public ModelParameters withFlashAttention(boolean on) {
        return new ModelParameters(file, contextSize, batchSize, threads, gpuLayers, on);
    }

    private static void requireWithin(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ", was " + value);
        }
    }
}
