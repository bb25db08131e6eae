package dev.parley.model.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native build's source check: build-native.sh stops on a tampered or missing llama.cpp
 * file with one line naming it, before anything is compiled (so these tests take seconds).
 */
class NativeSourceCheckTest {

    private static final Path SCRIPT = Path.of("src/main/native/build-native.sh");
    private static final Path MANIFEST = Path.of("src/main/native/llama-sources.sha256");

    @TempDir
    Path work;

    private Path source;

    @BeforeEach
    void extractTheSource() throws Exception {
        Path archive = Path.of(System.getProperty("parley.llama.source", "absent"));
        assumeTrue(Files.isRegularFile(archive), "no llama.cpp source archive at " + archive);
        source = Files.createDirectory(work.resolve("source"));
        Process tar = new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", source.toString(), "--strip-components=1")
                .inheritIO().start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0).as("tar extracted the archive").isTrue();
    }

    @Test
    void build_tamperedSourceFile_stopsWithOneLineNamingIt() throws Exception {
        Path tampered = source.resolve("ggml/src/ggml.c");
        Files.writeString(tampered, "\n// one added line\n", java.nio.file.StandardOpenOption.APPEND);

        Result result = runBuild();

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderrLines()).containsExactly(
                "parley native build: llama.cpp source check failed: ggml/src/ggml.c does not match its sha256 in llama-sources.sha256");
        assertThat(work.resolve("cache")).doesNotExist();
    }

    @Test
    void build_missingSourceFile_stopsWithOneLineNamingIt() throws Exception {
        Files.delete(source.resolve("examples/talk-llama/llama-vocab.cpp"));

        Result result = runBuild();

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderrLines()).containsExactly(
                "parley native build: llama.cpp source check failed: examples/talk-llama/llama-vocab.cpp is missing (listed in llama-sources.sha256)");
    }

    private Result runBuild() throws IOException, InterruptedException {
        Path stderr = work.resolve("stderr.txt");
        Process build = new ProcessBuilder("bash", SCRIPT.toString(), source.toString(), MANIFEST.toString(),
                        System.getProperty("java.home"), work.resolve("out").toString(), work.resolve("cache").toString(), "")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile())
                .start();
        assertThat(build.waitFor(120, TimeUnit.SECONDS)).as("the check finished").isTrue();
        return new Result(build.exitValue(), Files.readAllLines(stderr, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, List<String> stderrLines) {}
}
