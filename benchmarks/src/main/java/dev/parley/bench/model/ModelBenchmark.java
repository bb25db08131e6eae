package dev.parley.bench.model;

import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ReplyStream;
import dev.parley.model.batch.DecodeThreadTimes;
import dev.parley.model.llama.LlamaChatModel;
import dev.parley.model.llama.LlamaSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A harness that measures a GGUF model through Parley's own JNI path ({@link LlamaChatModel}) and,
 * in the same run, llama.cpp's own decode rate on the same file and threads
 * ({@link ReferenceDecode}: a C++ program built from the same checked sources). It prints, as
 * medians of several interleaved rounds: prompt and generation tokens/s of one stream beside
 * llama.cpp's, load time, time to first token, and the generation rate of 2, 4 and 8 concurrent
 * streams (as many slots as streams) against one, beside llama.cpp's own N-stream against
 * one-stream rate (the reference run with as many sequences, one token of each per decode).
 *
 * <p>These machines are noisy and the order of runs matters: each round runs the Java side in a
 * child JVM and the reference program one after the other, swapping which goes first every round,
 * with a rest between runs ({@code --rest-seconds}).
 *
 * <p>Speeds are defined as llama.cpp defines them. Generation: tokens after the first divided by
 * the time from the first token to the last; on the Java side the times are those at which the
 * pieces reach the reading thread, so the comparison includes every cost of the JNI path. Prompt:
 * prompt tokens divided by the time to the first token. The prompts are raw text
 * ({@link LlamaChatModel#streamPrompt}), so both sides decode the same number of tokens, with
 * greedy sampling.
 *
 * <pre>
 * java -cp benchmarks/target/parley-benchmarks.jar dev.parley.bench.model.ModelBenchmark FILE
 *     [--threads N] [--prompt-tokens N] [--tokens N] [--streams 1,2,4,8] [--flash-attn on|off]
 *     [--rounds N] [--rest-seconds N] [--reference PATH|none]
 * </pre>
 * The JVM is ended with {@link System#exit(int)}: whatever fails, it never waits forever.
 */
public final class ModelBenchmark {

    private static final String CHILD = "--measure";

    private final ModelBenchmarkOptions options;

    private ModelBenchmark(ModelBenchmarkOptions options) {
        this.options = options;
    }

    /** What one stream saw, in {@link System#nanoTime()} values. */
    private record StreamRun(long requested, long[] pieces) {

        long firstPiece() {
            return pieces.length == 0 ? requested : pieces[0];
        }

        long lastPiece() {
            return pieces.length == 0 ? requested : pieces[pieces.length - 1];
        }
    }

    /** One round of the child: every stream of it and the tokens they generated. */
    private record Round(int streams, List<StreamRun> runs, long tokens) {

        /**
         * How far apart the streams' first tokens came: prompts of requests that arrive while a
         * slot computes are evaluated in later steps, each of which also holds up the streams
         * already decoding.
         */
        double firstTokenSpreadMillis() {
            long first = runs.stream().mapToLong(StreamRun::firstPiece).min().orElse(0);
            long last = runs.stream().mapToLong(StreamRun::firstPiece).max().orElse(0);
            return (last - first) / 1e6;
        }

        double timeToFirstTokenMillis() {
            return runs.stream().mapToLong(run -> run.firstPiece() - run.requested()).average().orElse(0) / 1e6;
        }

        /** Tokens over the time from the first stream's first token to the last stream's last. */
        double generationTokensPerSecond() {
            long first = runs.stream().mapToLong(StreamRun::firstPiece).min().orElse(0);
            long last = runs.stream().mapToLong(StreamRun::lastPiece).max().orElse(0);
            return last > first ? tokens * 1e9 / (last - first) : 0;
        }

        /**
         * Pieces (about one per token) per second while every stream is decoding: from the last
         * stream's first piece to the first stream's last piece, so no prompt is being evaluated
         * and no stream has ended meanwhile (streams start one after another, so they also end one
         * after another: the tail, with fewer streams, is not the batching gain). With one stream
         * this is llama.cpp's definition: tokens after the first over first to last.
         */
        double steadyTokensPerSecond() {
            long allDecoding = runs.stream().mapToLong(StreamRun::firstPiece).max().orElse(0);
            long firstEnd = runs.stream().mapToLong(StreamRun::lastPiece).min().orElse(0);
            long pieces = runs.stream().flatMapToLong(run -> Arrays.stream(run.pieces()))
                    .filter(t -> t > allDecoding && t <= firstEnd).count();
            return firstEnd > allDecoding ? pieces * 1e9 / (firstEnd - allDecoding) : 0;
        }
    }

    public static void main(String[] args) {
        BenchmarkExit.after(() -> {
            boolean child = args.length > 0 && args[0].equals(CHILD);
            ModelBenchmarkOptions options = ModelBenchmarkOptions.parse(child ? Arrays.copyOfRange(args, 1, args.length) : args);
            if (!Files.isRegularFile(options.model())) {
                throw new IllegalArgumentException("no model file " + options.model());
            }
            if (child) {
                new ModelBenchmark(options).measure();
            } else {
                new ModelBenchmark(options).compare();
            }
        });
    }

    /** The innermost cause's message on one line, with its type when it has no message. */
    static String oneLine(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }

    /**
     * The parent: runs the rounds, the child JVM and the reference program one after the other
     * (which goes first swaps every round), then prints the medians.
     */
    private void compare() throws IOException, InterruptedException {
        ReferenceDecode reference = options.reference() == null ? null : new ReferenceDecode(options.reference());
        if (reference == null) {
            System.out.println("no llama.cpp reference: build model-runtime (it writes " + ReferenceDecode.BUILT
                    + ") and run from the repository's root, or pass --reference PATH; measuring the Java side alone");
        }
        BenchmarkReport report = new BenchmarkReport(options);
        for (int round = 0; round < options.rounds(); round++) {
            // the reference needs the prompt's token count, which the first child run tells
            boolean referenceFirst = reference != null && round % 2 == 1;
            if (referenceFirst) {
                report.reference(runReference(reference, report.promptTokens()));
                rest();
            }
            report.java(runChild(round == 0));
            if (reference != null && !referenceFirst) {
                rest();
                report.reference(runReference(reference, report.promptTokens()));
            }
            System.out.println(report.roundLine(round));
            if (round + 1 < options.rounds()) {
                rest();
            }
        }
        report.print(System.out);
    }

    /** The reference once per stream count the Java side measures, in the same order, resting between runs. */
    private List<ReferenceDecode.Result> runReference(ReferenceDecode reference, int promptTokens)
            throws IOException, InterruptedException {
        List<ReferenceDecode.Result> results = new ArrayList<>();
        for (int streams : options.streams()) {
            if (!results.isEmpty()) {
                rest();
            }
            results.add(reference.run(options.model(), promptTokens, options.tokens(), options.threads(), streams));
        }
        return results;
    }

    private void rest() throws InterruptedException {
        Thread.sleep(options.restSeconds() * 1000L);
    }

    /** Runs the measurements in a child JVM (a fresh process per round) and reads its RESULT lines. */
    private BenchmarkReport.ChildRun runChild(boolean echo) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("parley-benchmark-", ".log");
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    ModelBenchmark.class.getName(), CHILD));
            command.addAll(options.childArguments());
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            List<String> results = new ArrayList<>();
            int promptTokens = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(RESULT)) {
                        results.add(line.substring(RESULT.length()));
                    } else if (line.startsWith(PROMPT)) {
                        promptTokens = Integer.parseInt(line.substring(PROMPT.length()).strip());
                    } else if (echo) {
                        System.out.println(line);
                    }
                }
            }
            int status = process.waitFor();
            if (status != 0) {
                List<String> log = Files.readAllLines(stderr, StandardCharsets.UTF_8);
                List<String> said = log.stream().filter(line -> line.startsWith(BenchmarkExit.FAILED)).toList();
                throw new IllegalStateException(said.isEmpty()
                        ? "the measuring JVM exited with " + status + ": " + log.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output")
                        : said.getFirst().substring(BenchmarkExit.FAILED.length()));
            }
            return BenchmarkReport.ChildRun.parse(promptTokens, results);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static final String RESULT = "RESULT ";
    private static final String PROMPT = "PROMPT ";

    /** The child: loads the model once per stream count, runs one round each, prints RESULT lines. */
    private void measure() throws Exception {
        System.out.printf(Locale.ROOT, "model %s (%.1f MB), %d thread(s), prompt ~%d tokens, %d new tokens per stream, "
                        + "flash attention %s, Java %s%n", options.model().getFileName(), Files.size(options.model()) / 1e6,
                options.threads(), options.promptTokens(), options.tokens(), options.flashAttention() ? "on" : "off",
                Runtime.version());
        int contextSize = contextSize();
        for (int streams : options.streams()) {
            LlamaSettings settings = LlamaSettings.of(options.model())
                    .withThreads(options.threads())
                    .withContextSize(contextSize)
                    .withParallel(streams)
                    .withFlashAttention(options.flashAttention());
            long start = System.nanoTime();
            try (LlamaChatModel model = LlamaChatModel.load(settings)) {
                double loadMillis = (System.nanoTime() - start) / 1e6;
                warmUp(model);
                DecodeThreadTimes warm = model.decodeThreadTimes();
                Round round = round(model, streams);
                System.out.printf(Locale.ROOT, RESULT + "%d %d %.3f %.6f %.6f %.6f %.6f%n", streams, round.tokens(), loadMillis,
                        round.generationTokensPerSecond(), round.timeToFirstTokenMillis(), round.steadyTokensPerSecond(),
                        round.firstTokenSpreadMillis());
                DecodeThreadTimes times = model.decodeThreadTimes().since(warm);
                // counted work, not a rate: what the decode thread did besides decoding and sampling
                System.out.printf(Locale.ROOT, "decode thread after the warm-up, %d stream(s): %d steps, %.2f native calls a step, %.1f us a step"
                                + " outside the native decode and sample calls, %.2f%% of its busy time, %.0f bytes allocated a step,"
                                + " %.2f runs of consecutive sequences a step (llama.cpp's passes over the model)%n", streams,
                        times.steps(), times.nativeCallsPerStep(), times.outsideMicrosPerStep(), 100 * times.outsideShare(),
                        times.allocatedBytesPerStep(), times.sequenceRunsPerStep());
            }
        }
    }

    /**
     * The context each slot needs, from the real token count of the longest prompt: "hello world"
     * is two tokens for a real vocabulary but may be a dozen for a generated one, so a guess from
     * {@code --prompt-tokens} could be too small and every stream would fail. Also tells the parent
     * how many tokens the first stream's prompt has, for the reference to decode as many.
     */
    private int contextSize() {
        LlamaSettings probe = LlamaSettings.of(options.model()).withThreads(options.threads())
                .withContextSize(Math.min(256, options.tokens() + 64)).withParallel(1);
        try (LlamaChatModel model = LlamaChatModel.load(probe)) {
            int longest = model.countTokens(promptText(options.streams().getLast() - 1)) + 1;
            int size = longest + options.tokens() + 8;
            System.out.printf(Locale.ROOT, "context per slot: %d tokens (the longest prompt is %d tokens)%n", size, longest);
            // the start token, which the whole prompt gets and countTokens does not count
            System.out.println(PROMPT + (model.countTokens(promptText(0)) + 1));
            return size;
        }
    }

    private String promptText(int stream) {
        return "stream " + stream + " " + "hello world ".repeat(options.promptTokens() / 2);
    }

    private void warmUp(LlamaChatModel model) {
        drain(model, "warm up", 8, System.nanoTime());
    }

    private Round round(LlamaChatModel model, int streams) throws Exception {
        long tokensBefore = model.stats().tokensGenerated();
        ExecutorService threads = Executors.newFixedThreadPool(streams);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<StreamRun>> futures = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                String prompt = promptText(i);
                futures.add(threads.submit(() -> {
                    start.await();
                    return drain(model, prompt, options.tokens(), System.nanoTime());
                }));
            }
            start.countDown();
            List<StreamRun> runs = new ArrayList<>();
            for (Future<StreamRun> future : futures) {
                runs.add(future.get(10, TimeUnit.MINUTES));
            }
            return new Round(streams, runs, model.stats().tokensGenerated() - tokensBefore);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Raw text, greedy, as the reference program decodes: no chat template on either side. */
    private static StreamRun drain(LlamaChatModel model, String prompt, int tokens, long requested) {
        long[] pieces = new long[tokens + 1];
        int count = 0;
        try (ReplyStream stream = model.streamPrompt(prompt, new GenerationSettings(tokens, 0f, 42))) {
            for (String piece = stream.next(); piece != null; piece = stream.next()) {
                if (count == pieces.length) {
                    pieces = Arrays.copyOf(pieces, count * 2);
                }
                pieces[count++] = System.nanoTime();
            }
        }
        return new StreamRun(requested, Arrays.copyOf(pieces, count));
    }
}
