package dev.parley.bench.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * llama.cpp's own decode rate, measured by {@code parley-reference-decode}: a small C++ program
 * that model-runtime's native build links from the same checked llama.cpp objects and CMake options
 * as the binding (source: {@code model-runtime/src/main/native/parley_reference_decode.cpp}). It
 * sets up the context as the binding does (flash attention, a KV stream per sequence, n_batch 512),
 * decodes a prompt of ordinary tokens per sequence and then, with greedy sampling, one token of
 * every sequence per {@code llama_decode}: llama.cpp's own rate for N streams that all decode.
 *
 * @param executable the program, built beside model-runtime's classes
 */
record ReferenceDecode(Path executable) {

    /** Where model-runtime's build leaves the program, from the repository's root. */
    static final Path BUILT = Path.of("model-runtime", "target", "parley-reference-decode");

    private static final Pattern ROUND = Pattern.compile(
            "round \\d+: (?:streams \\d+, )?prompt (\\d+) tokens ([\\d.]+) tok/s, generation (\\d+) tokens ([\\d.]+) tok/s");

    /**
     * One run's figures, defined as the Java side defines them.
     *
     * @param promptTokensPerSecond prompt tokens / time from the prompt's decode to the first sampled token
     * @param generationTokensPerSecond tokens after each sequence's first, over all sequences / time
     *     from the first step to the last
     */
    record Result(double promptTokensPerSecond, double generationTokensPerSecond) {}

    /**
     * Runs the program once on {@code model} with {@code streams} sequences and reads its figures;
     * fails in one line if it fails.
     */
    Result run(Path model, int promptTokens, int tokens, int threads, int streams) throws IOException, InterruptedException {
        Path out = Files.createTempFile("parley-reference-", ".txt");
        try {
            Process process = new ProcessBuilder(executable.toString(), model.toString(), Integer.toString(promptTokens),
                    Integer.toString(tokens), Integer.toString(threads), "1", Integer.toString(streams))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(executable.getFileName() + " did not finish in 30 minutes");
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            for (String line : lines) {
                Matcher round = ROUND.matcher(line);
                if (round.find()) {
                    return new Result(Double.parseDouble(round.group(2)), Double.parseDouble(round.group(4)));
                }
            }
            throw new IllegalStateException(executable.getFileName() + " failed (exit " + process.exitValue() + "): "
                    + (lines.isEmpty() ? "no output" : lines.getLast()));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
