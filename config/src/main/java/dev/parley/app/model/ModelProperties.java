package dev.parley.app.model;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code parley.model.*}: which GGUF model to run and how.
 *
 * @param path the GGUF file; when unset, the default model is downloaded into {@code modelsDir}
 * @param threads CPU threads for inference (all slots are decoded together on them); 0: every core
 * @param contextSize tokens of context per conversation slot
 * @param parallel conversations generated at once (slots, each with a context of its own)
 * @param gpuLayers layers offloaded to a GPU; needs a GPU build of the native library, loaded with
 *     {@code -Dparley.llamacpp.library=FILE} (untested)
 * @param maxNewTokens the most tokens one reply may have
 * @param temperature sampling temperature; 0 is greedy and repeatable
 * @param seed the sampler's seed
 * @param downloadUrl where the default model comes from when {@code path} is unset
 * @param modelsDir where the default model is kept
 * @param backend which runtime answers: llama.cpp in-process, or an OpenAI-compatible server
 * @param generationTimeout the most one reply may take; a reply still running then is cancelled
 * @param lora a LoRA adapter loaded with the model (llama backend)
 * @param openai the server of the {@code openai} backend
 * @param flashAttention llama.cpp's fused attention kernel; off for toy models with 16-wide heads,
 *     which it slows
 * @param cache the conversation cache (llama backend)
 */
@ConfigurationProperties("parley.model")
public record ModelProperties(
        @Nullable Path path,
        @DefaultValue("0") int threads,
        @DefaultValue("2048") int contextSize,
        @DefaultValue("1") int parallel,
        @DefaultValue("0") int gpuLayers,
        @DefaultValue("256") int maxNewTokens,
        @DefaultValue("0.7") float temperature,
        @DefaultValue("42") long seed,
        // ModelFileLocator.DEFAULT_URL, whose SHA-256 is pinned there
        @DefaultValue("https://huggingface.co/Qwen/Qwen3-0.6B-GGUF/resolve/23749fefcc72300e3a2ad315e1317431b06b590a/Qwen3-0.6B-Q8_0.gguf")
                URI downloadUrl,
        @DefaultValue("models") Path modelsDir,
        @DefaultValue("llama") Backend backend,
        @DefaultValue("5m") Duration generationTimeout,
        @DefaultValue Lora lora,
        @DefaultValue OpenAi openai,
        @DefaultValue("true") boolean flashAttention,
        @DefaultValue Cache cache) {

    /** Which runtime answers. */
    public enum Backend {
        /** llama.cpp in this process, through JNI. */
        LLAMA,
        /** An OpenAI-compatible server ({@code /v1/chat/completions}): llama-server, vLLM, Ollama... */
        OPENAI
    }

    /**
     * {@code parley.model.lora.*}: one LoRA adapter (the JNI binding loads at most one).
     *
     * @param path the adapter GGUF, or unset for none
     * @param scale how strongly it applies; 0 turns it off
     */
    public record Lora(@Nullable Path path, @DefaultValue("1.0") float scale) {}

    /**
     * {@code parley.model.cache.*}: the conversation cache of the llama backend.
     *
     * @param hostBytes host memory for the KV states of conversations evicted from their slots
     *     (restored when they continue, or when a new conversation opens with their system
     *     prompt); 0 turns it off. 128MB by default: Qwen3-0.6B's KV state is 112 KiB a token, so
     *     that holds about 1,150 tokens (a few conversations and a persona's system prompt), a
     *     small share of a JVM heap next to a model that takes 640 MB of native memory and a KV
     *     cache of 224 MiB per slot (docs/models.md)
     */
    public record Cache(@DefaultValue("128MB") DataSize hostBytes) {

        public Cache {
            if (hostBytes.isNegative()) {
                throw new IllegalArgumentException("parley.model.cache.host-bytes must not be negative, was " + hostBytes);
            }
        }
    }

    /**
     * {@code parley.model.openai.*}: the OpenAI-compatible server.
     *
     * @param baseUrl the server's root, e.g. {@code http://127.0.0.1:8080}
     * @param model the model name sent with each request
     * @param apiKey a bearer token ({@code PARLEY_MODEL_OPENAI_API_KEY} in the environment), or unset
     */
    public record OpenAi(
            @DefaultValue("http://127.0.0.1:8080") URI baseUrl,
            @DefaultValue("default") String model,
            @Nullable String apiKey) {

        @Override
        public String toString() {
            return "OpenAi[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey == null ? "unset" : "****") + "]";
        }
    }

    /** Properties with the conversation cache's defaults. */
    public ModelProperties(@Nullable Path path, int threads, int contextSize, int parallel, int gpuLayers, int maxNewTokens,
            float temperature, long seed, URI downloadUrl, Path modelsDir, Backend backend, Duration generationTimeout,
            Lora lora, OpenAi openai, boolean flashAttention) {
        this(path, threads, contextSize, parallel, gpuLayers, maxNewTokens, temperature, seed, downloadUrl, modelsDir, backend,
                generationTimeout, lora, openai, flashAttention, new Cache(DataSize.ofMegabytes(128)));
    }

    @ConstructorBinding
    public ModelProperties {
        requireAtLeast("threads", threads, 0);
        requireAtLeast("context-size", contextSize, 64);
        requireAtLeast("parallel", parallel, 1);
        requireAtLeast("gpu-layers", gpuLayers, 0);
        requireAtLeast("max-new-tokens", maxNewTokens, 1);
        if (maxNewTokens >= contextSize) {
            throw new IllegalArgumentException("parley.model.max-new-tokens (" + maxNewTokens
                    + ") must be smaller than parley.model.context-size (" + contextSize + ")");
        }
        if (!(temperature >= 0f) || temperature > 5f) {
            throw new IllegalArgumentException("parley.model.temperature must be within [0, 5], was " + temperature);
        }
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("parley.model." + name + " must be at least " + min + ", was " + value);
        }
    }

    /**
     * Decoding threads: the configured count, or every available core. All slots are sequences of
     * one context decoded together, so the threads are never multiplied by the slots (dividing the
     * cores by the slots, as when each slot had a context, left four slots on two cores one
     * thread: 16.9 against 25.8 tokens/s while all four decode, docs/models.md). On a machine busy
     * with other work set fewer: ggml's threads wait for each other by spinning.
     */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
