package dev.parley.model.llama;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * @param gpuLayers layers offloaded to a GPU, 0 for none (the library's own build is CPU only;
 *     a GPU build in {@code nativeLibraryDirectory} is untested)
 * @param nativeLibraryDirectory a directory holding {@code libjllama.so} (a GPU build, say), or
 *     null to use the system property {@code de.kherud.llama.lib.path} or the library in the jar
 * @param generationTimeout the most one reply may take from the request to its last token; a
 *     reply still running then is cancelled and its stream fails with "timed out after N s"
 * @param adapters LoRA adapters loaded with the model, at most one (the binding passes llama.cpp
 *     only one); its scale is fixed for the life of the process
 * @param nativeLogging whether llama.cpp may log to stderr (about 140 lines per load, and
 *     each reply's timings); off in production, on for the benchmark, which reads llama.cpp's
 *     own timings there (its log callback of de.kherud:llama 4.2.0 never sees them)
 * @param flashAttention whether llama.cpp uses its fused attention kernel ({@code --flash-attn},
 *     on by default). Without it, llama.cpp b4916's CPU attention makes a decode step of two or
 *     more slots far slower than a one-token step on two threads, so concurrent replies gain
 *     little: on a 1B-shaped q8_0 model (2 cores, all streams decoding) 2 streams gave 0.87x and
 *     4 streams 1.38x the single-stream tokens/s without it, 1.31x and 1.69x with it, while one
 *     stream's speed was unchanged (17.0 vs 16.8 tokens/s). Its cost: prompt evaluation was up to
 *     about 15% slower (47 vs 56 tokens/s for a 1,000-token prompt), and toy models with 16-wide
 *     heads are slower with it. {@code ModelBenchmark --flash-attn off} repeats the comparison
 */
public record LlamaSettings(
        Path modelPath,
        int threads,
        int contextSize,
        int parallel,
        int gpuLayers,
        @Nullable Path nativeLibraryDirectory,
        Duration generationTimeout,
        List<LoraAdapter> adapters,
        boolean nativeLogging,
        boolean flashAttention) {

    /** The generation timeout of {@link #of(Path)} and of the six-argument constructor. */
    public static final Duration DEFAULT_GENERATION_TIMEOUT = Duration.ofMinutes(5);

    public LlamaSettings {
        Objects.requireNonNull(modelPath, "modelPath");
        Objects.requireNonNull(generationTimeout, "generationTimeout");
        adapters = List.copyOf(adapters);
        requireWithin("threads", threads, 1, 512);
        requireWithin("contextSize", contextSize, 16, 1 << 20);
        requireWithin("parallel", parallel, 1, 64);
        requireWithin("gpuLayers", gpuLayers, 0, 10_000);
        if (generationTimeout.isNegative() || generationTimeout.isZero() || generationTimeout.toDays() > 1) {
            throw new IllegalArgumentException("generationTimeout must be positive and at most a day, was " + generationTimeout);
        }
        if (adapters.size() > 1) {
            throw new IllegalArgumentException("de.kherud:llama 4.2.0 can load only one LoRA adapter, got " + adapters.size()
                    + "; merge them into one (llama.cpp's export-lora) or use the OpenAI-compatible backend");
        }
    }

    /** Settings with flash attention on, the default. */
    public LlamaSettings(Path modelPath, int threads, int contextSize, int parallel, int gpuLayers,
            @Nullable Path nativeLibraryDirectory, Duration generationTimeout, List<LoraAdapter> adapters,
            boolean nativeLogging) {
        this(modelPath, threads, contextSize, parallel, gpuLayers, nativeLibraryDirectory, generationTimeout, adapters,
                nativeLogging, true);
    }

    /** Settings without adapters, with the default generation timeout and llama.cpp's log off. */
    public LlamaSettings(Path modelPath, int threads, int contextSize, int parallel, int gpuLayers,
            @Nullable Path nativeLibraryDirectory) {
        this(modelPath, threads, contextSize, parallel, gpuLayers, nativeLibraryDirectory,
                DEFAULT_GENERATION_TIMEOUT, List.of(), false);
    }

    /** Settings for {@code modelPath}: up to 4 threads, 2048 tokens, one slot, CPU only. */
    public static LlamaSettings of(Path modelPath) {
        int threads = Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 4);
        return new LlamaSettings(modelPath, threads, 2048, 1, 0, null);
    }

    public LlamaSettings withThreads(int threads) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, nativeLibraryDirectory,
                generationTimeout, adapters, nativeLogging, flashAttention);
    }

    public LlamaSettings withContextSize(int contextSize) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, nativeLibraryDirectory,
                generationTimeout, adapters, nativeLogging, flashAttention);
    }

    public LlamaSettings withParallel(int parallel) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, nativeLibraryDirectory,
                generationTimeout, adapters, nativeLogging, flashAttention);
    }

    public LlamaSettings withGpuLayers(int gpuLayers) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, nativeLibraryDirectory,
                generationTimeout, adapters, nativeLogging, flashAttention);
    }

    public LlamaSettings withNativeLibraryDirectory(@Nullable Path directory) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, directory,
                generationTimeout, adapters, nativeLogging, flashAttention);
    }

    public LlamaSettings withGenerationTimeout(Duration timeout) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, nativeLibraryDirectory,
                timeout, adapters, nativeLogging, flashAttention);
    }

    public LlamaSettings withAdapters(List<LoraAdapter> adapters) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, nativeLibraryDirectory,
                generationTimeout, adapters, nativeLogging, flashAttention);
    }

    public LlamaSettings withNativeLogging(boolean nativeLogging) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, nativeLibraryDirectory,
                generationTimeout, adapters, nativeLogging, flashAttention);
    }

    public LlamaSettings withFlashAttention(boolean flashAttention) {
        return new LlamaSettings(modelPath, threads, contextSize, parallel, gpuLayers, nativeLibraryDirectory,
                generationTimeout, adapters, nativeLogging, flashAttention);
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
