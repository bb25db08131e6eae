package dev.parley.testkit.gguf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A generated LoRA adapter for a {@link TinyLlamaModel}, in the GGUF layout llama.cpp (b4916)
 * loads: {@code general.type} "adapter", {@code general.architecture} "llama",
 * {@code adapter.type} "lora", f32 {@code adapter.lora.alpha}, and for each adapted weight
 * {@code W} of shape [in, out] (ggml order) a pair {@code W.lora_a} [in, rank] and
 * {@code W.lora_b} [rank, out], applied as {@code W x + scale * alpha / rank * B (A x)}.
 *
 * <p>The seeded random weights are large on purpose, so that the adapter at scale 1 changes the
 * base model's greedy output.
 *
 * @param base the model the adapter is for
 * @param rank the rank of the low-rank update, at least 1
 * @param alpha {@code adapter.lora.alpha}
 * @param seed seeds the weights
 * @param targets the adapted weights of each block, such as {@code attn_q} and {@code ffn_up}
 */
public record TinyLoraAdapter(TinyLlamaModel base, int rank, float alpha, long seed, List<String> targets) {

    /** The weights of a block an adapter may target. */
    public static final List<String> BLOCK_WEIGHTS =
            List.of("attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down");

    public TinyLoraAdapter {
        Objects.requireNonNull(base, "base");
        targets = List.copyOf(targets);
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be at least 1, was " + rank);
        }
        if (targets.isEmpty() || !BLOCK_WEIGHTS.containsAll(targets)) {
            throw new IllegalArgumentException("targets must be some of " + BLOCK_WEIGHTS + ", were " + targets);
        }
    }

    /** An adapter of rank 4 on {@code attn_q}, {@code attn_v} and {@code ffn_up} of every block. */
    public static TinyLoraAdapter of(TinyLlamaModel base) {
        return new TinyLoraAdapter(base, 4, 4f, 7, List.of("attn_q", "attn_v", "ffn_up"));
    }

    /** The adapter's metadata and tensors, for callers that change or break them. */
    public GgufWriter toWriter() {
        GgufWriter writer = new GgufWriter()
                .putString("general.architecture", "llama")
                .putString("general.type", "adapter")
                .putString("general.name", "parley-tiny-lora")
                .putString("adapter.type", "lora")
                .putFloat32("adapter.lora.alpha", alpha);
        for (int i = 0; i < base.layers(); i++) {
            for (String target : targets) {
                String weight = "blk." + i + "." + target + ".weight";
                long[] shape = shape(target);
                writer.addTensor(weight + ".lora_a", GgmlType.F32, new long[] {shape[0], rank},
                        gaussian(weight + "a", 1.0 / Math.sqrt(shape[0])));
                writer.addTensor(weight + ".lora_b", GgmlType.F32, new long[] {rank, shape[1]}, gaussian(weight + "b", 2.0));
            }
        }
        return writer;
    }

    /** Writes the adapter to {@code file}. */
    public void writeTo(Path file) throws IOException {
        toWriter().writeTo(file);
    }

    /** The [in, out] shape (ggml order) of a block weight of the base model. */
    private long[] shape(String target) {
        long e = base.embedding();
        long q = (long) base.heads() * base.headSize();
        long kv = (long) base.headsKv() * base.headSize();
        long f = base.feedForward();
        return switch (target) {
            case "attn_q" -> new long[] {e, q};
            case "attn_k", "attn_v" -> new long[] {e, kv};
            case "attn_output" -> new long[] {q, e};
            case "ffn_gate", "ffn_up" -> new long[] {e, f};
            case "ffn_down" -> new long[] {f, e};
            default -> throw new IllegalArgumentException("unknown target " + target);
        };
    }

    private GgufWriter.ValueSource gaussian(String name, double deviation) {
        SplittableRandom random = new SplittableRandom(seed * 31 + name.hashCode());
        return () -> (float) (random.nextGaussian() * deviation);
    }
}
