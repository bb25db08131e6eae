package dev.parley.model.llamacpp;

import dev.parley.testkit.gguf.GgmlType;
import dev.parley.testkit.gguf.GgufWriter;
import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Generated models of the architectures only the new llama.cpp loads (or loads differently):
 * {@link TinyLlamaModel}'s vocabulary and weights under qwen2's, qwen3's or gemma3's keys, plus the
 * tensors those add (qwen2's attention biases, qwen3's per-head query/key norms, gemma3's as well
 * and its post-attention and post-feed-forward norms; no sliding window).
 */
public enum TinyArchitectures {
    LLAMA,
    QWEN2,
    QWEN3,
    GEMMA3;

    private static final java.util.List<String> LLAMA_KEYS = java.util.List.of("context_length", "embedding_length",
            "block_count", "feed_forward_length", "attention.head_count", "attention.head_count_kv",
            "rope.dimension_count", "attention.layer_norm_rms_epsilon");

    /** Writes a model of this architecture built from {@code base} to {@code file}. */
    public void write(TinyLlamaModel base, Path file) throws IOException {
        GgufWriter writer = base.toWriter();
        if (this != LLAMA) {
            String arch = name().toLowerCase(java.util.Locale.ROOT);
            writer.remove("general.architecture");
            for (String key : LLAMA_KEYS) {
                writer.remove("llama." + key);
            }
            writer.putString("general.architecture", arch)
                    .putUint32(arch + ".context_length", base.contextLength())
                    .putUint32(arch + ".embedding_length", base.embedding())
                    .putUint32(arch + ".block_count", base.layers())
                    .putUint32(arch + ".feed_forward_length", base.feedForward())
                    .putUint32(arch + ".attention.head_count", base.heads())
                    .putUint32(arch + ".attention.head_count_kv", base.headsKv())
                    .putUint32(arch + ".rope.dimension_count", base.headSize())
                    .putFloat32(arch + ".attention.layer_norm_rms_epsilon", 1e-6f);
        }
        long q = (long) base.heads() * base.headSize();
        long kv = (long) base.headsKv() * base.headSize();
        for (int i = 0; i < base.layers(); i++) {
            String block = "blk." + i + ".";
            switch (this) {
                case QWEN2 -> writer
                        .addTensor(block + "attn_q.bias", GgmlType.F32, new long[] {q}, small(block + "bq"))
                        .addTensor(block + "attn_k.bias", GgmlType.F32, new long[] {kv}, small(block + "bk"))
                        .addTensor(block + "attn_v.bias", GgmlType.F32, new long[] {kv}, small(block + "bv"));
                case QWEN3 -> addQueryKeyNorms(writer, block, base.headSize());
                case GEMMA3 -> addQueryKeyNorms(writer, block, base.headSize())
                        .addTensor(block + "post_attention_norm.weight", GgmlType.F32, new long[] {base.embedding()}, () -> 1f)
                        .addTensor(block + "post_ffw_norm.weight", GgmlType.F32, new long[] {base.embedding()}, () -> 1f);
                case LLAMA -> { }
            }
        }
        writer.writeTo(file);
    }

    private static GgufWriter addQueryKeyNorms(GgufWriter writer, String block, int headSize) {
        return writer.addTensor(block + "attn_q_norm.weight", GgmlType.F32, new long[] {headSize}, () -> 1f)
                .addTensor(block + "attn_k_norm.weight", GgmlType.F32, new long[] {headSize}, () -> 1f);
    }

    private static GgufWriter.ValueSource small(String name) {
        SplittableRandom random = new SplittableRandom(name.hashCode());
        return () -> (float) (random.nextGaussian() * 0.02);
    }
}
