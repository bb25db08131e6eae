package dev.parley.bench.model;

import dev.parley.model.llamacpp.BatchDecoder;
import dev.parley.model.llamacpp.LlamaCppModel;
import dev.parley.model.llamacpp.ModelParameters;
import dev.parley.model.llamacpp.Sampler;
import dev.parley.model.llamacpp.SamplerParameters;
import dev.parley.model.llamacpp.TokenBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the host-memory KV store costs against decoding again (issue #16): the batch scheduler's
 * store saves an evicted conversation's sequence state ({@link BatchDecoder#saveState}) and
 * restores it ({@link BatchDecoder#restoreState}) when the conversation comes back, instead of
 * decoding its tokens again. For each prompt length this harness decodes a prompt into sequence 0
 * of a two-sequence context (in batches, as the scheduler reads a prompt), saves sequence 0's
 * state, and restores it into sequence 1, as the store does (a conversation seldom returns to the
 * sequence it left), timing each of the three, over several rounds, and prints the medians, the
 * state's bytes, and save plus restore against the decode. After each restore the two sequences
 * are decoded one token further and sampled greedily, untimed: the restored copy must give the
 * saved one's token, or the figures would be of a restore that does not work.
 *
 * <p>Calls the binding directly ({@link LlamaCppModel#batchDecoder()}), without the scheduler's
 * thread, so the figures are the native calls' and the copy into a Java array, nothing else.
 * Prints figures, asserts nothing about time.
 *
 * <pre>
 * ./parley host-store-benchmark FILE [--threads N] [--prompt-tokens 64,256,1024] [--rounds 5]
 * </pre>
 * The JVM is ended with {@link System#exit(int)}, as the other harnesses.
 */
public final class HostStoreBenchmark {

    private static final String USAGE = "usage: HostStoreBenchmark FILE [--threads N] [--prompt-tokens 64,256,1024] [--rounds N]";
    private static final int SAVED = 0;
    private static final int RESTORED = 1;

    private final int threads;
    private final int[] promptTokens;
    private final int rounds;
    private final Path model;

    private HostStoreBenchmark(Path model, int threads, int[] promptTokens, int rounds) {
        this.model = model;
        this.threads = threads;
        this.promptTokens = promptTokens;
        this.rounds = rounds;
    }

    /** The medians of one prompt length, in milliseconds and bytes. */
    private record Row(int tokens, double decodeMillis, double saveMillis, long stateBytes, double restoreMillis,
            int continued) {}

    public static void main(String[] args) {
        BenchmarkExit.after(() -> parse(args).run());
    }

    private static HostStoreBenchmark parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--") || args.length % 2 == 0) {
            throw new IllegalArgumentException(USAGE);
        }
        Path model = Path.of(args[0]);
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("no model file " + model);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        int[] promptTokens = {64, 256, 1024};
        int rounds = 5;
        try {
            for (int i = 1; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--threads" -> threads = Integer.parseInt(value);
                    case "--prompt-tokens" -> promptTokens = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage() + "; " + USAGE);
        }
        if (threads < 1 || rounds < 1 || promptTokens.length == 0 || Arrays.stream(promptTokens).anyMatch(n -> n < 2)) {
            throw new IllegalArgumentException("threads and rounds must be at least 1, prompt lengths at least 2; " + USAGE);
        }
        return new HostStoreBenchmark(model, threads, promptTokens, rounds);
    }

    private void run() {
        int longest = Arrays.stream(promptTokens).max().orElseThrow();
        // room for the prompt and the one token of the check
        ModelParameters parameters = ModelParameters.of(model).withContextSize(longest + 16).withThreads(threads);
        try (LlamaCppModel llama = LlamaCppModel.load(parameters, 2);
                Sampler savedSampler = Sampler.of(SamplerParameters.greedy());
                Sampler restoredSampler = Sampler.of(SamplerParameters.greedy())) {
            BatchDecoder decoder = llama.batchDecoder();
            TokenBatch batch = new TokenBatch(decoder.batchSize());
            System.out.printf(Locale.ROOT, "%s: %d thread(s), %d round(s) a length (medians), %d tokens a sequence, batches of %d,"
                    + " state saved from sequence %d and restored into sequence %d%n",
                    model.getFileName(), threads, rounds, decoder.contextSize(), decoder.batchSize(), SAVED, RESTORED);
            // warm-up, not counted: the first decode pays for the graph's allocation
            measure(decoder, batch, new Sampler[] {savedSampler, restoredSampler}, promptTokens[0], 0, llama.vocabSize());
            Row[] rows = new Row[promptTokens.length];
            for (int i = 0; i < promptTokens.length; i++) {
                rows[i] = row(decoder, batch, new Sampler[] {savedSampler, restoredSampler}, promptTokens[i], llama.vocabSize());
            }
            print(rows);
        }
    }

    private Row row(BatchDecoder decoder, TokenBatch batch, Sampler[] samplers, int tokens, int vocabulary) {
        double[] decode = new double[rounds];
        double[] save = new double[rounds];
        double[] restore = new double[rounds];
        long bytes = 0;
        int continued = 0;
        for (int round = 0; round < rounds; round++) {
            double[] times = measure(decoder, batch, samplers, tokens, round + 1, vocabulary);
            decode[round] = times[0];
            save[round] = times[1];
            restore[round] = times[2];
            bytes = (long) times[3];
            continued += times[4] > 0 ? 1 : 0;
        }
        return new Row(tokens, median(decode), median(save), bytes, median(restore), continued);
    }

    /** One round: decode, save, restore (ms), the state's bytes, and 1 if the restored sequence continues the same. */
    private static double[] measure(BatchDecoder decoder, TokenBatch batch, Sampler[] samplers, int tokens, int round,
            int vocabulary) {
        decoder.forget(SAVED, 0);
        decoder.forget(RESTORED, 0);
        int[] prompt = prompt(tokens, round, vocabulary);
        long start = System.nanoTime();
        for (int offset = 0; offset < prompt.length; offset += batch.capacity()) {
            batch.clear();
            int end = Math.min(prompt.length, offset + batch.capacity());
            for (int i = offset; i < end; i++) {
                batch.add(prompt[i], i, SAVED, i == prompt.length - 1);
            }
            requireDecoded(decoder.decode(batch, new float[0]));
        }
        long decoded = System.nanoTime();
        byte[] state = decoder.saveState(SAVED);
        long saved = System.nanoTime();
        decoder.restoreState(RESTORED, state);
        long restored = System.nanoTime();

        // untimed check: both sequences take the same next token and must sample the same one
        int next = prompt(tokens + 1, round + 1000, vocabulary)[tokens];
        batch.clear();
        int a = batch.add(next, tokens, SAVED, samplers[0]);
        int b = batch.add(next, tokens, RESTORED, samplers[1]);
        requireDecoded(decoder.decodeAndSample(batch, new float[0]));
        boolean same = batch.sampledToken(a) == batch.sampledToken(b);
        return new double[] {(decoded - start) / 1e6, (saved - decoded) / 1e6, (restored - saved) / 1e6, state.length, same ? 1 : 0};
    }

    private static void requireDecoded(BatchDecoder.Outcome outcome) {
        if (outcome != BatchDecoder.Outcome.DECODED) {
            throw new IllegalStateException("a decode ended " + outcome);
        }
    }

    /** {@code length} token ids spread over the vocabulary, different each round (content does not change the cost). */
    private static int[] prompt(int length, int round, int vocabulary) {
        int[] prompt = new int[length];
        for (int i = 0; i < length; i++) {
            prompt[i] = 3 + (int) ((i * 7919L + round * 104_729L) % (vocabulary - 3));
        }
        return prompt;
    }

    private void print(Row[] rows) {
        System.out.println("prompt tokens  decode ms  save ms  restore ms  state bytes  bytes/token  (save+restore)/decode"
                + "  restored continues");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "%13d  %9.1f  %7.2f  %10.2f  %11d  %11d  %21.4f  %d/%d%n",
                    row.tokens(), row.decodeMillis(), row.saveMillis(), row.restoreMillis(), row.stateBytes(),
                    row.stateBytes() / row.tokens(), (row.saveMillis() + row.restoreMillis()) / row.decodeMillis(),
                    row.continued(), rounds);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
