package dev.parley.testkit.gguf;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The model architectures {@link TinyLlamaModel} can generate, and what each adds to the llama
 * layout in llama.cpp's loader ({@code src/models/<name>.cpp} of the pinned source): qwen2 has
 * biases on q, k and v; qwen3 RMS norms on q and k; gemma3 the q/k norms, norms after attention
 * and after the feed-forward, and sliding-window attention keys. Each has a chat template of its
 * family ({@link #chatTemplate()}), written for Parley from the published formats.
 */
public enum Architecture {
    /** Llama, with Llama 3's header-style chat format. */
    LLAMA(ChatFormats.LLAMA3, List.of("<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>")),
    /** Qwen2 / Qwen2.5: ChatML with a default system prompt. */
    QWEN2(ChatFormats.QWEN2, List.of()),
    /** Qwen3: ChatML with the {@code enable_thinking} switch. */
    QWEN3(ChatFormats.QWEN3, List.of()),
    /** Gemma 3: {@code <start_of_turn>} turns, the system prompt folded into the first user turn. */
    GEMMA3(ChatFormats.GEMMA3, List.of("<start_of_turn>", "<end_of_turn>"));

    private final String chatTemplate;
    private final List<String> controlTokens;

    Architecture(String chatTemplate, List<String> controlTokens) {
        this.chatTemplate = chatTemplate;
        this.controlTokens = controlTokens;
    }

    /** The value of {@code general.architecture} and the prefix of the architecture's keys. */
    public String ggufName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This family's chat template, as Jinja. */
    public String chatTemplate() {
        return chatTemplate;
    }

    /**
     * The control tokens the template needs beyond {@code <s>}, {@code </s>}, {@code <|im_start|>}
     * and {@code <|im_end|>}, which every generated vocabulary has.
     */
    public List<String> controlTokens() {
        return controlTokens;
    }

    /** The control tokens of {@link #controlTokens()} that {@code template} uses. */
    List<String> controlTokensUsedBy(@Nullable String template) {
        return controlTokens.stream().filter(token -> template != null && template.contains(token)).toList();
    }

    /** Adds the tensors this architecture has beyond a llama block's to block {@code block} ("blk.N."). */
    void addTensors(GgufWriter writer, String block, long headSize, long q, long kv, long embedding) {
        if (this == QWEN2) {
            writer.addTensor(block + "attn_q.bias", GgmlType.F32, new long[] {q}, () -> 0f)
                    .addTensor(block + "attn_k.bias", GgmlType.F32, new long[] {kv}, () -> 0f)
                    .addTensor(block + "attn_v.bias", GgmlType.F32, new long[] {kv}, () -> 0f);
        }
        if (this == QWEN3 || this == GEMMA3) {
            writer.addTensor(block + "attn_q_norm.weight", GgmlType.F32, new long[] {headSize}, () -> 1f)
                    .addTensor(block + "attn_k_norm.weight", GgmlType.F32, new long[] {headSize}, () -> 1f);
        }
        if (this == GEMMA3) {
            writer.addTensor(block + "post_attention_norm.weight", GgmlType.F32, new long[] {embedding}, () -> 1f)
                    .addTensor(block + "post_ffw_norm.weight", GgmlType.F32, new long[] {embedding}, () -> 1f);
        }
    }

    /** Adds the hyperparameters this architecture reads beyond llama's. */
    void addKeys(GgufWriter writer) {
        if (this == GEMMA3) {
            // every other layer attends within a 16-token window, as Gemma 3's 5:1 does at scale
            writer.putUint32("gemma3.attention.sliding_window", 16)
                    .putUint32("gemma3.attention.sliding_window_pattern", 2)
                    .putFloat32("gemma3.rope.freq_base_swa", 10_000f)
                    .putFloat32("gemma3.rope.freq_base", 1_000_000f);
        }
        if (this == QWEN2 || this == QWEN3) {
            writer.putFloat32(ggufName() + ".rope.freq_base", 1_000_000f);
        }
    }
}
