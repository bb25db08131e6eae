package dev.parley.bench.moderation;

import dev.parley.core.moderation.LearnedModerationProvider;
import dev.parley.model.encoder.EncoderModel;
import dev.parley.model.encoder.SentenceEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What one sentence-encoder pass costs on this machine, on one ONNX thread, by length of text:
 * the shipped encoder, or ONNX files of all-MiniLM-L6-v2's shape given as arguments (read with its
 * tokenizer), e.g. the 8-bit and the 32-bit original side by side. Tells whether a slow learned tier
 * is the encoder's arithmetic (cost grows with the tokens) or something around it.
 *
 * <pre>
 * java -cp benchmarks/target/parley-benchmarks.jar dev.parley.bench.moderation.EncoderLatency [MODEL.onnx ...]
 * </pre>
 */
public final class EncoderLatency {

    private static final int[] LENGTHS = {20, 50, 100, 200, 400, 800};
    private static final int WARM_UP = 30;
    private static final int CALLS = 200;

    private EncoderLatency() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            try (SentenceEncoder encoder = SentenceEncoder.loadFor(LearnedModerationProvider.standardHeads(), 1)) {
                measure(encoder.name(), encoder);
            }
        }
        for (String file : args) {
            byte[] bytes = Files.readAllBytes(Path.of(file));
            try (SentenceEncoder encoder = SentenceEncoder.load(EncoderModel.ALL_MINILM_L6_V2_Q, bytes, 1)) {
                measure(file, encoder);
            }
        }
    }

    private static void measure(String name, SentenceEncoder encoder) {
        System.out.println(name + " (one ONNX thread; " + CALLS + " calls a length, other texts each call)");
        for (int length : LENGTHS) {
            List<String> texts = SampleMessages.of(WARM_UP + CALLS, length, length);
            for (int i = 0; i < WARM_UP; i++) {
                encoder.encode(texts.get(i));
            }
            long[] nanos = new long[CALLS];
            for (int i = 0; i < CALLS; i++) {
                long start = System.nanoTime();
                encoder.encode(texts.get(WARM_UP + i));
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf("  %4d chars: p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms%n", length,
                    nanos[CALLS / 2] / 1e6, nanos[CALLS * 9 / 10] / 1e6, nanos[CALLS * 99 / 100] / 1e6);
        }
    }
}
