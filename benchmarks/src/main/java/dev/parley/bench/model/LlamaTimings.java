package dev.parley.bench.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The timings llama.cpp's server loop prints for one finished slot ({@code print_timings}):
 * prompt evaluation and generation, each as milliseconds and tokens.
 *
 * @param promptMillis time spent evaluating the prompt
 * @param promptTokens prompt tokens evaluated (cached ones excluded)
 * @param generationMillis time from the first sampled token to the last
 * @param generatedTokens tokens generated ({@code n_decoded}, the first one included)
 */
record LlamaTimings(double promptMillis, int promptTokens, double generationMillis, int generatedTokens) {

    private static final Pattern PROMPT = Pattern.compile("prompt eval time =\\s*([\\d.]+) ms /\\s*(\\d+) tokens");
    private static final Pattern GENERATION = Pattern.compile("(?<!prompt )eval time =\\s*([\\d.]+) ms /\\s*(\\d+) tokens");

    /** Prompt tokens per second, as llama.cpp reports it. */
    double promptTokensPerSecond() {
        return promptTokens * 1000.0 / promptMillis;
    }

    /** Generated tokens per second, as llama.cpp reports it: n_decoded over the generation time. */
    double generationTokensPerSecond() {
        return generatedTokens * 1000.0 / generationMillis;
    }

    /** Every slot's timings found in llama.cpp's log messages, in order. */
    static List<LlamaTimings> parse(List<String> logMessages) {
        String log = String.join("\n", logMessages);
        List<LlamaTimings> timings = new ArrayList<>();
        Matcher prompt = PROMPT.matcher(log);
        Matcher generation = GENERATION.matcher(log);
        while (prompt.find()) {
            if (!generation.find(prompt.end())) {
                break;
            }
            timings.add(new LlamaTimings(Double.parseDouble(prompt.group(1)), Integer.parseInt(prompt.group(2)),
                    Double.parseDouble(generation.group(1)), Integer.parseInt(generation.group(2))));
        }
        return timings;
    }
}
