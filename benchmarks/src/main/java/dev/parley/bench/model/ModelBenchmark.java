package dev.parley.bench.model;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ReplyStream;
import dev.parley.model.llama.LlamaChatModel;
import dev.parley.model.llama.LlamaSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
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
 * A harness that measures a GGUF model through Parley's own JNI path ({@link LlamaChatModel}) and
 * prints: load time, prompt tokens/s, time to first token, generation tokens/s for one stream,
 * and total generation tokens/s for 2, 4 and 8 concurrent streams (as many slots as streams),
 * each next to the timings llama.cpp itself reports for the same run.
 *
 * <p>Placeholder: the timings of llama.cpp's own came from llama.cpp's server inside the old
 * JNI binding, which printed them to stderr. Parley's own binding keeps llama.cpp's log
 * silent and has no server, so those columns are empty until the binding reports
 * {@code llama_perf_context} itself (issue #16). The harness still runs the measurements in a
 * child JVM whose stderr it reads:
 * the child writes a marker line before and after each round, and the parent parses the
 * {@code print_timings} blocks between them.
 *
 * <p>Generation speed is defined as llama.cpp defines it: tokens generated divided by the time
 * from the first token to the last. On the Java side the times are those at which the pieces
 * reach the reading thread, so the comparison includes every cost of the JNI path.
 *
 * <pre>
 * java -cp benchmarks/target/parley-benchmarks.jar dev.parley.bench.model.ModelBenchmark FILE
 *     [--threads N] [--prompt-tokens N] [--tokens N] [--streams 1,2,4,8] [--flash-attn on|off]
 * </pre>
 * The JVM is ended with {@link System#exit(int)}: llama.cpp's native thread keeps it alive.
 */
public final class ModelBenchmark {

    private static final String CHILD = "--measure";
    private static final String ROUND_START = "@@parley-round-start ";
    private static final String ROUND_END = "@@parley-round-end ";

    private final Options options;

    private ModelBenchmark(Options options) {
        this.options = options;
    }

    /** The command-line options, with their defaults. */
    record Options(Path model, int threads, int promptTokens, int tokens, List<Integer> streams, boolean flashAttention) {

        static Options parse(String[] args) {
            if (args.length == 0 || args[0].startsWith("--")) {
                throw new IllegalArgumentException("usage: ModelBenchmark FILE [--threads N] [--prompt-tokens N]"
                        + " [--tokens N] [--streams 1,2,4,8] [--flash-attn on|off]");
            }
            Path model = Path.of(args[0]);
            int threads = Runtime.getRuntime().availableProcessors();
            int promptTokens = 128;
            int tokens = 128;
            List<Integer> streams = List.of(1, 2, 4, 8);
            boolean flashAttention = true;
            for (int i = 1; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--threads" -> threads = Integer.parseInt(value);
                    case "--prompt-tokens" -> promptTokens = Integer.parseInt(value);
                    case "--tokens" -> tokens = Integer.parseInt(value);
                    case "--streams" -> streams = Arrays.stream(value.split(",")).map(String::strip).map(Integer::valueOf).toList();
                    case "--flash-attn" -> flashAttention = switch (value) {
                        case "on" -> true;
                        case "off" -> false;
                        default -> throw new IllegalArgumentException("--flash-attn takes on or off, not " + value);
                    };
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (streams.isEmpty() || streams.getFirst() != 1) {
                throw new IllegalArgumentException("--streams must start with 1 (the single-stream figures)");
            }
            return new Options(model, threads, promptTokens, tokens, streams, flashAttention);
        }
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

    /** One round: every stream of it and the tokens they generated. */
    private record Round(int streams, List<StreamRun> runs, long tokens) {

        /**
         * How far apart the streams' first tokens came: llama.cpp starts on the first request at
         * once, so the prompts of requests that arrive while it computes are evaluated in later
         * steps, each of which also holds up the streams already decoding.
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
         * Pieces (about one per token) per second once every stream is decoding: from the last
         * stream's first piece to the last piece, so no prompt is being evaluated meanwhile.
         */
        double steadyTokensPerSecond() {
            long allDecoding = runs.stream().mapToLong(StreamRun::firstPiece).max().orElse(0);
            long last = runs.stream().mapToLong(StreamRun::lastPiece).max().orElse(0);
            long pieces = runs.stream().flatMapToLong(run -> Arrays.stream(run.pieces())).filter(t -> t > allDecoding).count();
            return last > allDecoding ? pieces * 1e9 / (last - allDecoding) : 0;
        }
    }

    public static void main(String[] args) throws Exception {
        int status = 0;
        try {
            boolean child = args.length > 0 && args[0].equals(CHILD);
            Options options = Options.parse(child ? Arrays.copyOfRange(args, 1, args.length) : args);
            if (!Files.isRegularFile(options.model())) {
                throw new IllegalArgumentException("no model file " + options.model());
            }
            if (child) {
                new ModelBenchmark(options).measure();
            } else {
                status = new ModelBenchmark(options).runChild(args);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            status = 2;
        } catch (Exception e) {
            // a stream's failure reaches here wrapped in an ExecutionException: whatever it is, one
            // line and a non-zero status, never a main that returns into a JVM that cannot exit
            System.err.println(FAILED + oneLine(e));
            status = 1;
        }
        System.exit(status); // llama.cpp's non-daemon native thread would keep the JVM alive
    }

    private static final String FAILED = "benchmark failed: ";

    /** The innermost cause's message on one line, with its type when it has no message. */
    static String oneLine(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }

    /** Runs the measurements in a child JVM, then prints its figures next to llama.cpp's. */
    private int runChild(String[] args) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("parley-benchmark-", ".log");
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ModelBenchmark.class.getName(), CHILD));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            List<String> results = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("RESULT ")) {
                        results.add(line.substring(7));
                    } else {
                        System.out.println(line);
                    }
                }
            }
            int status = process.waitFor();
            List<String> log = Files.readAllLines(stderr, StandardCharsets.UTF_8);
            if (status != 0) {
                List<String> said = log.stream().filter(line -> line.startsWith(FAILED)).toList();
                // the child's own one line if it wrote one; otherwise llama.cpp's last words
                (said.isEmpty() ? log.stream().filter(line -> !line.isBlank()).skip(Math.max(0, log.size() - 20)).toList() : said)
                        .forEach(System.err::println);
                return status;
            }
            print(results, log);
            return 0;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

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
                Round round = round(model, streams);
                System.out.printf(Locale.ROOT, "RESULT %d %d %.3f %.6f %.6f %.6f %.6f%n", streams, round.tokens(), loadMillis,
                        round.generationTokensPerSecond(), round.timeToFirstTokenMillis(), round.steadyTokensPerSecond(),
                        round.firstTokenSpreadMillis());
            }
        }
    }

    /**
     * The context each slot needs, from the real token count of the longest prompt: "hello world"
     * is two tokens for a real vocabulary but may be a dozen for a generated one, so a guess from
     * {@code --prompt-tokens} could be too small and every stream would fail.
     */
    private int contextSize() {
        LlamaSettings probe = LlamaSettings.of(options.model()).withThreads(options.threads())
                .withContextSize(Math.min(256, options.tokens() + 64)).withParallel(1);
        try (LlamaChatModel model = LlamaChatModel.load(probe)) {
            int longest = model.countTokens(SYSTEM) + model.countTokens(promptText(options.streams().getLast() - 1));
            int size = longest + TEMPLATE_TOKENS + options.tokens();
            System.out.printf(Locale.ROOT, "context per slot: %d tokens (the longest prompt is %d tokens of text)%n",
                    size, longest);
            return size;
        }
    }

    /** Room for the chat template's own tokens around the turns, and the BOS token. */
    private static final int TEMPLATE_TOKENS = 48;
    private static final String SYSTEM = "You are Parley.";

    private String promptText(int stream) {
        return "stream " + stream + " " + "hello world ".repeat(options.promptTokens() / 2);
    }

    private void warmUp(LlamaChatModel model) {
        drain(model, request("warm up", 8), System.nanoTime());
    }

    private Round round(LlamaChatModel model, int streams) throws Exception {
        long tokensBefore = model.stats().tokensGenerated();
        ExecutorService threads = Executors.newFixedThreadPool(streams);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<StreamRun>> futures = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                ChatRequest request = request(promptText(i), options.tokens());
                futures.add(threads.submit(() -> {
                    start.await();
                    return drain(model, request, System.nanoTime());
                }));
            }
            marker(ROUND_START + streams);
            start.countDown();
            List<StreamRun> runs = new ArrayList<>();
            for (Future<StreamRun> future : futures) {
                runs.add(future.get(10, TimeUnit.MINUTES));
            }
            // llama.cpp's log is written by a thread of its own: give it time to catch up
            Thread.sleep(500);
            marker(ROUND_END + streams);
            return new Round(streams, runs, model.stats().tokensGenerated() - tokensBefore);
        } finally {
            threads.shutdownNow();
        }
    }

    /** A line on stderr, where llama.cpp writes its timings, so the parent can tell rounds apart. */
    private static void marker(String line) {
        PrintStream err = System.err;
        err.println(line);
        err.flush();
    }

    private static StreamRun drain(LlamaChatModel model, ChatRequest request, long requested) {
        long[] pieces = new long[request.settings().maxNewTokens() + 1];
        int count = 0;
        try (ReplyStream stream = model.stream(request)) {
            for (String piece = stream.next(); piece != null; piece = stream.next()) {
                if (count == pieces.length) {
                    pieces = Arrays.copyOf(pieces, count * 2);
                }
                pieces[count++] = System.nanoTime();
            }
        }
        return new StreamRun(requested, Arrays.copyOf(pieces, count));
    }

    private static ChatRequest request(String text, int tokens) {
        return new ChatRequest(List.of(ChatTurn.system(SYSTEM), ChatTurn.user(text)),
                new GenerationSettings(tokens, 0f, 42));
    }

    /** The parent's report: the child's figures, and llama.cpp's timings of each round from its stderr. */
    private void print(List<String> results, List<String> log) {
        List<double[]> rows = results.stream()
                .map(line -> Arrays.stream(line.split(" ")).mapToDouble(Double::parseDouble).toArray())
                .toList();
        List<List<LlamaTimings>> llama = new ArrayList<>();
        for (double[] row : rows) {
            int streams = (int) row[0];
            int from = log.indexOf(ROUND_START + streams);
            int to = log.indexOf(ROUND_END + streams);
            llama.add(from >= 0 && to > from ? LlamaTimings.parse(log.subList(from, to)) : List.of());
        }
        double[] single = rows.getFirst();
        System.out.printf(Locale.ROOT, "load time:            %8.0f ms (then, reloading with more slots: %s)%n", single[2],
                rows.stream().skip(1).map(row -> String.format(Locale.ROOT, "%d slots %.0f ms", (int) row[0], row[2])).toList());
        System.out.printf(Locale.ROOT, "time to first token:  %8.1f ms (1 stream)%n", single[4]);
        List<LlamaTimings> singleLlama = llama.getFirst();
        if (!singleLlama.isEmpty()) {
            LlamaTimings timings = singleLlama.getFirst();
            System.out.printf(Locale.ROOT, "prompt:               %8.1f tokens/s (%d tokens / time to first token);"
                            + " llama.cpp: %.1f tokens/s (%d tokens in %.1f ms)%n", timings.promptTokens() / (single[4] / 1000),
                    timings.promptTokens(), timings.promptTokensPerSecond(), timings.promptTokens(), timings.promptMillis());
        }
        System.out.println();
        System.out.println("streams  tokens  Java gen tok/s  llama.cpp gen tok/s  Java/llama.cpp  vs 1 stream"
                + "  avg TTFT ms  TTFT spread ms  all-decoding tok/s  vs 1 stream");
        for (int i = 0; i < rows.size(); i++) {
            double[] row = rows.get(i);
            double java = row[3];
            double reported = llamaGenerationTokensPerSecond(llama.get(i));
            System.out.printf(Locale.ROOT, "%7d  %6d  %14.1f  %19.1f  %13.1f%%  %10.2fx  %11.1f  %14.1f  %18.1f  %10.2fx%n",
                    (int) row[0], (long) row[1], java, reported, 100 * java / reported, java / single[3], row[4], row[6],
                    row[5], row[5] / single[5]);
        }
        System.out.println();
        System.out.println("Java gen tok/s: tokens / (first stream's first token .. last stream's last token), at the reader;"
                + " with several streams this includes evaluating the prompts of the streams llama.cpp admitted later"
                + " (TTFT spread: from the first stream's first token to the last stream's).");
        System.out.println("llama.cpp gen tok/s: the slots' n_decoded summed / the longest slot's eval time (print_timings).");
        System.out.println("all-decoding tok/s: pieces after every stream had its first one / that time (no prompt"
                + " evaluation mixed in: the batching gain).");
        rows.stream().filter(row -> row[0] == 4).findFirst().ifPresent(row -> System.out.printf(Locale.ROOT,
                "4 streams vs 1 (target 1.4x): %.2fx while all four decode; %.2fx over the whole round, which also"
                        + " evaluates the prompts admitted after the first stream's (TTFT spread %.0f ms)%n",
                row[5] / single[5], row[3] / single[3], row[6]));
        for (int i = 0; i < rows.size(); i++) {
            System.out.printf(Locale.ROOT, "  %d stream(s), llama.cpp per slot: %s%n", (int) rows.get(i)[0], llama.get(i).stream()
                    .map(t -> String.format(Locale.ROOT, "%d tok in %.0f ms (%.1f/s)", t.generatedTokens(),
                            t.generationMillis(), t.generationTokensPerSecond()))
                    .toList());
        }
    }

    /** llama.cpp's figure for a round: all slots' tokens over the longest slot's generation time. */
    private static double llamaGenerationTokensPerSecond(List<LlamaTimings> slots) {
        int generated = slots.stream().mapToInt(LlamaTimings::generatedTokens).sum();
        double millis = slots.stream().mapToDouble(LlamaTimings::generationMillis).max().orElse(0);
        return millis > 0 ? generated * 1000.0 / millis : Double.NaN;
    }
}
