package dev.parley.bench.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@link ModelBenchmark}'s command line, with its defaults.
 *
 * @param reference llama.cpp's own decode program, or null to measure the Java side alone
 */
record ModelBenchmarkOptions(Path model, int threads, int promptTokens, int tokens, List<Integer> streams,
        boolean flashAttention, int rounds, int restSeconds, @Nullable Path reference) {

    static final String USAGE = "usage: ModelBenchmark FILE [--threads N] [--prompt-tokens N] [--tokens N]"
            + " [--streams 1,2,4,8] [--flash-attn on|off] [--rounds N] [--rest-seconds N] [--reference PATH|none]";

    static ModelBenchmarkOptions parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException(USAGE);
        }
        Path model = Path.of(args[0]);
        int threads = Runtime.getRuntime().availableProcessors();
        int promptTokens = 128;
        int tokens = 128;
        List<Integer> streams = List.of(1, 2, 4, 8);
        boolean flashAttention = true;
        int rounds = 3;
        int restSeconds = 5;
        // ./parley model-benchmark names it; else found where model-runtime's build leaves it when
        // run from the repository's root
        Path built = Path.of(System.getProperty("parley.bench.reference", ReferenceDecode.BUILT.toString()));
        Path reference = Files.isExecutable(built) ? built : null;
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--threads" -> threads = positive(args[i], value);
                case "--prompt-tokens" -> promptTokens = positive(args[i], value);
                case "--tokens" -> tokens = positive(args[i], value);
                case "--streams" -> streams = Arrays.stream(value.split(",")).map(String::strip)
                        .map(count -> positive("--streams", count)).toList();
                case "--flash-attn" -> flashAttention = switch (value) {
                    case "on" -> true;
                    case "off" -> false;
                    default -> throw new IllegalArgumentException("--flash-attn takes on or off, not " + value);
                };
                case "--rounds" -> rounds = positive(args[i], value);
                case "--rest-seconds" -> restSeconds = Math.max(0, number(args[i], value));
                case "--reference" -> reference = value.equals("none") ? null : executable(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (streams.isEmpty() || streams.getFirst() != 1) {
            throw new IllegalArgumentException("--streams must start with 1 (the single-stream figures)");
        }
        return new ModelBenchmarkOptions(model, threads, promptTokens, tokens, streams, flashAttention, rounds,
                restSeconds, reference);
    }

    /** The options the child JVM measures with: the same, without the parent's own. */
    List<String> childArguments() {
        return List.of(model.toString(), "--threads", Integer.toString(threads), "--prompt-tokens",
                Integer.toString(promptTokens), "--tokens", Integer.toString(tokens), "--streams",
                String.join(",", streams.stream().map(String::valueOf).toList()), "--flash-attn",
                flashAttention ? "on" : "off", "--reference", "none");
    }

    private static Path executable(Path path) {
        if (!Files.isExecutable(path)) {
            throw new IllegalArgumentException("--reference: no executable " + path
                    + " (model-runtime's build writes model-runtime/target/parley-reference-decode)");
        }
        return path;
    }

    private static int positive(String option, String value) {
        int number = number(option, value);
        if (number < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, not " + value);
        }
        return number;
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not " + value);
        }
    }
}
