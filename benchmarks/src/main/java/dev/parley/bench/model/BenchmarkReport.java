package dev.parley.bench.model;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Collects {@link ModelBenchmark}'s rounds and prints them, and their medians, beside llama.cpp's. */
final class BenchmarkReport {

    /**
     * One stream count's figures from one child run.
     *
     * @param generation tokens / first token of any stream .. last token of any stream
     * @param steady pieces per second once every stream decodes (with one stream: llama.cpp's definition)
     */
    record Row(int streams, long tokens, double loadMillis, double generation, double timeToFirstTokenMillis,
            double steady, double firstTokenSpreadMillis) {}

    /** What one child JVM measured: the first stream's prompt length, and a row per stream count. */
    record ChildRun(int promptTokens, List<Row> rows) {

        static ChildRun parse(int promptTokens, List<String> results) {
            List<Row> rows = results.stream().map(line -> Arrays.stream(line.split(" ")).mapToDouble(Double::parseDouble).toArray())
                    .map(v -> new Row((int) v[0], (long) v[1], v[2], v[3], v[4], v[5], v[6]))
                    .toList();
            if (rows.isEmpty() || promptTokens <= 0) {
                throw new IllegalStateException("the measuring JVM reported no figures");
            }
            return new ChildRun(promptTokens, rows);
        }

        Row single() {
            return rows.getFirst();
        }

        /** Prompt tokens over the time to the first token of the single stream. */
        double promptTokensPerSecond() {
            return promptTokens * 1000.0 / single().timeToFirstTokenMillis();
        }
    }

    private final ModelBenchmarkOptions options;
    private final List<ChildRun> java = new ArrayList<>();
    // per round, one result per stream count, in the order of the options' streams (the first is 1)
    private final List<List<ReferenceDecode.Result>> reference = new ArrayList<>();

    BenchmarkReport(ModelBenchmarkOptions options) {
        this.options = options;
    }

    void java(ChildRun run) {
        java.add(run);
    }

    void reference(List<ReferenceDecode.Result> results) {
        reference.add(List.copyOf(results));
    }

    /** The first stream's prompt length, which the reference decodes as many tokens of. */
    int promptTokens() {
        return java.getFirst().promptTokens();
    }

    /** One line for a round just finished. */
    String roundLine(int round) {
        ChildRun run = java.get(round);
        String line = String.format(Locale.ROOT, "round %d: Java prompt %.1f tok/s, generation %.2f tok/s", round + 1,
                run.promptTokensPerSecond(), run.single().steady());
        if (reference.size() > round) {
            ReferenceDecode.Result ref = reference.get(round).getFirst();
            line += String.format(Locale.ROOT, "; llama.cpp prompt %.1f tok/s, generation %.2f tok/s",
                    ref.promptTokensPerSecond(), ref.generationTokensPerSecond());
        }
        return line;
    }

    void print(PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "medians of %d round(s); %d thread(s), one stream, %d prompt tokens, %d new tokens, greedy%n",
                java.size(), options.threads(), promptTokens(), options.tokens());
        double javaPrompt = median(java, ChildRun::promptTokensPerSecond);
        double javaGeneration = median(java, run -> run.single().steady());
        out.printf(Locale.ROOT, "load time:            %8.0f ms%n", median(java, run -> run.single().loadMillis()));
        out.printf(Locale.ROOT, "time to first token:  %8.1f ms (1 stream)%n", median(java, run -> run.single().timeToFirstTokenMillis()));
        if (reference.isEmpty()) {
            out.printf(Locale.ROOT, "prompt:               %8.1f tokens/s%n", javaPrompt);
            out.printf(Locale.ROOT, "generation:           %8.2f tokens/s%n", javaGeneration);
        } else {
            double refPrompt = median(reference, results -> results.getFirst().promptTokensPerSecond());
            double refGeneration = median(reference, results -> results.getFirst().generationTokensPerSecond());
            out.printf(Locale.ROOT, "prompt:               %8.1f tokens/s; llama.cpp %.1f: %.2fx (target 0.97x)%n",
                    javaPrompt, refPrompt, javaPrompt / refPrompt);
            out.printf(Locale.ROOT, "generation:           %8.2f tokens/s; llama.cpp %.2f: %.2fx (target 0.97x)%n",
                    javaGeneration, refGeneration, javaGeneration / refGeneration);
        }
        out.println();
        out.println("streams  tokens  gen tok/s  vs 1 stream  avg TTFT ms  TTFT spread ms  all-decoding tok/s  vs 1 stream"
                + (reference.isEmpty() ? "" : "  llama.cpp all-decoding tok/s  vs 1 stream"));
        double refSingle = reference.isEmpty() ? 0 : median(reference, results -> results.getFirst().generationTokensPerSecond());
        double single = median(java, run -> run.single().generation());
        double singleSteady = median(java, run -> run.single().steady());
        for (int i = 0; i < java.getFirst().rows().size(); i++) {
            int index = i;
            Row first = java.getFirst().rows().get(i);
            double generation = median(java, run -> run.rows().get(index).generation());
            double steady = median(java, run -> run.rows().get(index).steady());
            out.printf(Locale.ROOT, "%7d  %6d  %9.1f  %10.2fx  %11.1f  %14.1f  %18.1f  %10.2fx", first.streams(), first.tokens(),
                    generation, generation / single, median(java, run -> run.rows().get(index).timeToFirstTokenMillis()),
                    median(java, run -> run.rows().get(index).firstTokenSpreadMillis()), steady, steady / singleSteady);
            double refSteady = reference.isEmpty() ? 0 : median(reference, results -> results.get(index).generationTokensPerSecond());
            if (!reference.isEmpty()) {
                out.printf(Locale.ROOT, "  %28.1f  %10.2fx", refSteady, refSteady / refSingle);
            }
            out.println();
            if (first.streams() == 4) {
                out.printf(Locale.ROOT, "4 streams vs 1 (target 1.4x): %.2fx while all four decode; %.2fx over the whole round,"
                        + " which also evaluates the prompts that waited for a slot's step%n", steady / singleSteady, generation / single);
                if (!reference.isEmpty()) {
                    out.printf(Locale.ROOT, "llama.cpp itself, 4 sequences vs 1 while all decode: %.2fx%n", refSteady / refSingle);
                }
            }
        }
        out.println();
        out.println("gen tok/s: tokens / (first stream's first token .. last stream's last token), at the reader.");
        out.println("all-decoding tok/s: pieces from every stream having its first one to the first stream's last one / that"
                + " time (no prompt evaluated, no stream ended: the batching gain); with one stream, llama.cpp's definition,"
                + " compared above.");
        if (!reference.isEmpty()) {
            out.println("llama.cpp all-decoding tok/s: parley-reference-decode with as many sequences, one token of each per"
                    + " llama_decode, generated tokens / time from the first step to the last.");
        }
    }

    private static <T> double median(List<T> values, ToDoubleFunction<T> figure) {
        double[] sorted = values.stream().mapToDouble(figure).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
