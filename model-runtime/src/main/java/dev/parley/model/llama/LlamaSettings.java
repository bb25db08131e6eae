package dev.parley.model.llama;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How to load a llama.cpp model into a {@link LlamaChatModel}. Every number is checked here, so
 * that a bad value is a clear {@link IllegalArgumentException} at start-up rather than a native
 * failure later.
 *
 * @param modelPath the GGUF file
 * @param threads CPU threads for generation, 1 to 512
 * @param contextSize tokens of context per slot (prompt plus reply), 16 to 1,048,576
 * @param parallel how many replies are generated at once (slots, each with a context of its
 *     own), 1 to 64
 * @param gpuLayers layers offloaded to a GPU, 0 for none (the jar's build is CPU only; a GPU build
 *     loaded with {@code -Dparley.llamacpp.library} is untested)
 * @param generationTimeout the most one reply may take from the request to its last token; a
 *     reply still running then is cancelled and its stream fails with "timed out after N s"
 * @param adapters LoRA adapters loaded with the model, each under its own name
 *     ({@link LoraAdapter#name()}); a request may change their scales
 * @param flashAttention whether llama.cpp uses its fused attention kernel (on by default); toy
 *     models with 16-wide heads are slower with it
 * @param hostCacheBytes host memory for the KV states of conversations evicted from their
 *     sequences, restored when they continue; 0 (the default here) keeps none
 */
public record LlamaSettings(
        Path modelPath,
        int threads,
        int contextSize,
        int parallel,
        int gpuLayers,
        Duration generationTimeout,
        List<LoraAdapter> adapters,
        boolean flashAttention,
        long hostCacheBytes) {

    /** The generation timeout of {@link #of(Path)} and of the five-argument constructor. */
    public static final Duration DEFAULT_GENERATION_TIMEOUT = Duration.ofMinutes(5);

    public LlamaSettings {
        Objects.requireNonNull(modelPath, "modelPath");
        Objects.requireNonNull(generationTimeout, "generationTimeout");
        adapters = List.copyOf(adapters);
        requireWithin("threads", threads, 1, 512);
        requireWithin("contextSize", contextSize, 16, 1 << 20);
        requireWithin("parallel", parallel, 1, 64);
        requireWithin("gpuLayers", gpuLayers, 0, 10_000);
        if (hostCacheBytes < 0) {
            throw new IllegalArgumentException("hostCacheBytes must not be negative, was " + hostCacheBytes);
        }
        if (generationTimeout.isNegative() || generationTimeout.isZero() || generationTimeout.toDays() > 1) {
            throw new IllegalArgumentException("generationTimeout must be positive and at most a day, was " + generationTimeout);
        }
        Set<String> names = new HashSet<>();
        for (LoraAdapter adapter : adapters) {
            if (!names.add(adapter.name())) {
                // requests pick adapters by name: two with one name could not be told apart
                throw new IllegalArgumentException("two LoRA adapters are named '" + adapter.name() + "'; rename one file");
            }
        }
    }

    /** Settings without a host-memory conversation store. */
    public LlamaSettings(Path modelPath, int threads, int contextSize, int parallel, int gpuLayers,
            Duration generationTimeout, List<LoraAdapter> adapters, boolean flashAttention) {
        this(modelPath, threads, contextSize, parallel, gpuLayers, generationTimeout, adapters, flashAttention, 0);
    }

    /** Settings without adapters, with the default generation timeout and flash attention on. */
    public LlamaSettings(Path modelPath, int threads, int contextSize, int parallel, int gpuLayers) {
        this(modelPath, threads, contextSize, parallel, gpuLayers, DEFAULT_GENERATION_TIMEOUT, List.of(), true);
    }

    /** Settings for {@code modelPath}: up to 4 threads, 2048 tokens, one slot, CPU only. */
    public static LlamaSettings of(Path modelPath) {
        int threads = Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 4);
        return new LlamaSettings(modelPath, threads, 2048, 1, 0);
    }

    public LlamaSettings withThreads(int threads) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, generationTimeout, adapters, flashAttention,
                hostCacheBytes);
    }

    public LlamaSettings withContextSize(int contextSize) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, generationTimeout, adapters, flashAttention,
                hostCacheBytes);
    }

    public LlamaSettings withParallel(int parallel) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, generationTimeout, adapters, flashAttention,
                hostCacheBytes);
    }

    public LlamaSettings withGpuLayers(int gpuLayers) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, generationTimeout, adapters, flashAttention,
                hostCacheBytes);
    }

    public LlamaSettings withGenerationTimeout(Duration timeout) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, timeout, adapters, flashAttention,
                hostCacheBytes);
    }

    public LlamaSettings withAdapters(List<LoraAdapter> adapters) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, generationTimeout, adapters, flashAttention,
                hostCacheBytes);
    }

    public LlamaSettings withFlashAttention(boolean flashAttention) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, generationTimeout, adapters, flashAttention,
                hostCacheBytes);
    }

    public LlamaSettings withHostCacheBytes(long hostCacheBytes) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, generationTimeout, adapters, flashAttention,
                hostCacheBytes);
    }

    private static void requireWithin(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be within [" + min + ", " + max + "], was " + value);
        }
    }
}
