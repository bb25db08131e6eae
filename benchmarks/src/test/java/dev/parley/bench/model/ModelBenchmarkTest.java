package dev.parley.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16: the model benchmark never hangs. It used to size the context from {@code
 * --prompt-tokens}, so on a generated model (a dozen tokens for "hello world") every stream failed,
 * the failure reached {@code main} wrapped in an {@link ExecutionException} that it did not catch,
 * {@code System.exit} was never called, and llama.cpp's thread kept the JVM waiting forever.
 * Each case runs the real benchmark in a child JVM; the wait only guards against that hang. The
 * testkit's model has "hello" and "world" among its pieces, so its prompts fit the old guess too:
 * these cases show the context sized from the counted prompt and a failure reported in one line
 * with a non-zero status, not the old hang itself.
 */
class ModelBenchmarkTest {

    @TempDir
    Path dir;

    private record Run(boolean exited, int status, String out, String err) {
    }

    private Run benchmark(Path model, String... options) throws IOException, InterruptedException {
        return run(ModelBenchmark.class, model, options);
    }

    private Run run(Class<?> main, Path model, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                main.getName(), model.toString()));
        command.addAll(List.of(options));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean exited = process.waitFor(5, TimeUnit.MINUTES);
        if (!exited) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        return new Run(exited, exited ? process.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theContextIsSizedFromThePromptsCountedTokens_andTheRunEnds() throws Exception {
        Path model = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(model);

        Run run = benchmark(model, "--prompt-tokens", "256", "--tokens", "8", "--streams", "1", "--threads", "1",
                "--rounds", "1", "--rest-seconds", "0", "--reference", "none");

        assertThat(run.exited()).as("the benchmark exits").isTrue();
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("context per slot:").contains("time to first token:");
    }

    /**
     * The side-by-side run: the reference program that model-runtime's build links from the same
     * llama.cpp objects decodes as many prompt tokens on the same file, in rounds that alternate
     * which side goes first, and the report prints both and their ratio; for each stream count
     * the reference also runs with as many sequences, and its N-vs-1 rate is printed beside Parley's.
     */
    @Test
    void withTheReferenceProgram_bothSidesAreMeasuredInAlternatingRounds() throws Exception {
        Path reference = Path.of("..").resolve(ReferenceDecode.BUILT).toAbsolutePath().normalize();
        assumeTrue(Files.isExecutable(reference), "model-runtime's build wrote no " + reference + " (native build skipped)");
        Path model = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(model);

        Run run = benchmark(model, "--prompt-tokens", "32", "--tokens", "8", "--streams", "1,2", "--threads", "1",
                "--rounds", "2", "--rest-seconds", "0", "--reference", reference.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("round 1: Java prompt [\\d.]+ tok/s, generation [\\d.]+ tok/s; llama.cpp prompt [\\d.]+ tok/s")
                .containsPattern("round 2: Java .*; llama.cpp .*")
                .containsPattern("generation: +[\\d.]+ tokens/s; llama.cpp [\\d.]+: [\\d.]+x")
                .contains("medians of 2 round(s)")
                .contains("llama.cpp all-decoding tok/s")
                // the 2-stream row: Parley's all-decoding rate and ratio, then llama.cpp's
                .containsPattern("(?m)^ +2 +\\d+ .* [\\d.]+x +[\\d.]+ +[\\d.]+x$");
    }

    @Test
    void aReferenceThatIsNotThere_isRefusedInOneLine() throws Exception {
        Path model = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(model);

        Run run = benchmark(model, "--reference", dir.resolve("missing").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("--reference: no executable");
    }

    @Test
    void aPromptLongerThanTheModelsContext_failsInOneLineAndExitsNonZero() throws Exception {
        Path model = dir.resolve("short-context.gguf");
        TinyLlamaModel.builder().contextLength(256).build().writeTo(model);

        Run run = benchmark(model, "--prompt-tokens", "512", "--tokens", "8", "--streams", "1", "--threads", "1",
                "--rounds", "1", "--reference", "none");

        assertThat(run.exited()).as("the benchmark exits").isTrue();
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().lines().filter(line -> !line.isBlank()).toList()).as(run.err())
                .singleElement().asString().startsWith("benchmark failed: ").contains("context");
    }

    /** The cold/cached harness runs to its end and prints both times and their ratio for each round. */
    @Test
    void conversationCacheBenchmark_timesAColdAndACachedTurn() throws Exception {
        Path model = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().contextLength(2048).build().writeTo(model);

        Run run = run(ConversationCacheBenchmark.class, model, "--threads", "1", "--history-tokens", "300", "--rounds", "1");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("round 1: \\d+-token conversation, next turn's first token cold \\d+ ms, cached \\d+ ms")
                .containsPattern("cached/cold [\\d.]+ \\(target at most 0.2\\)");
    }

    @Test
    void oneLine_givesTheInnermostCausesMessage() {
        Exception wrapped = new ExecutionException(new IllegalStateException("the prompt takes 900 tokens\n and more"));
        assertThat(ModelBenchmark.oneLine(wrapped)).isEqualTo("the prompt takes 900 tokens and more");
        assertThat(ModelBenchmark.oneLine(new ExecutionException(new NullPointerException()))).isEqualTo("NullPointerException");
    }
}
