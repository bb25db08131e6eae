package dev.parley.bench.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host-store harness (issue #16) runs to its end on a generated model in a child JVM and
 * prints a row per prompt length whose restored sequences all continue as the saved ones; its
 * figures are printed, not checked.
 */
class HostStoreBenchmarkTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private Run run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                HostStoreBenchmark.class.getName()));
        command.addAll(List.of(arguments));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the harness did not end");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void printsDecodeSaveAndRestoreOfEachLength_andEveryRestoredSequenceContinuesTheSame() throws Exception {
        Path model = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().contextLength(1024).build().writeTo(model);

        Run run = run(model.toString(), "--threads", "1", "--prompt-tokens", "32,300", "--rounds", "3");

        assertThat(run.status()).as(run.err()).isZero();
        // 2 layers x K and V x 64 wide x 2 bytes (f16) a token, plus each cell's bookkeeping
        assertThat(run.out()).containsPattern("(?m)^ +32 +[\\d.]+ +[\\d.]+ +[\\d.]+ +\\d+ +5\\d\\d +[\\d.]+ +3/3$")
                .containsPattern("(?m)^ +300 +[\\d.]+ +[\\d.]+ +[\\d.]+ +\\d+ +5\\d\\d +[\\d.]+ +3/3$");
    }

    @Test
    void aMissingModelOrABadOption_isRefusedInOneLine() throws Exception {
        Run missing = run(dir.resolve("missing.gguf").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).startsWith("no model file");

        Path model = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(model);
        Run bad = run(model.toString(), "--prompt-tokens", "64,x");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).startsWith("not a number");
    }
}
