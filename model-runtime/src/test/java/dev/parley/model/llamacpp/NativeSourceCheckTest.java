package dev.parley.model.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native build's source check: build-native.sh stops on a tampered or missing llama.cpp
 * file with one line naming it, before anything is compiled (so these tests take seconds).
 */
class NativeSourceCheckTest {

    @TempDir
    Path work;

    private Path source;

    @BeforeEach
    void extractTheSource() throws Exception {
        source = PinnedSourceBuild.extract(work);
    }

    @Test
    void build_tamperedSourceFile_stopsWithOneLineNamingIt() throws Exception {
        Path tampered = source.resolve("ggml/src/ggml.c");
        Files.writeString(tampered, "\n// one added line\n", java.nio.file.StandardOpenOption.APPEND);

        PinnedSourceBuild.Result result = runBuild();

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderrLines()).containsExactly(
                "parley native build: llama.cpp source check failed: ggml/src/ggml.c does not match its sha256 in llama-sources.sha256");
        assertThat(work.resolve("cache")).doesNotExist();
    }

    @Test
    void build_missingSourceFile_stopsWithOneLineNamingIt() throws Exception {
        Files.delete(source.resolve("examples/talk-llama/llama-vocab.cpp"));

        PinnedSourceBuild.Result result = runBuild();

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderrLines()).containsExactly(
                "parley native build: llama.cpp source check failed: examples/talk-llama/llama-vocab.cpp is missing (listed in llama-sources.sha256)");
    }

    private PinnedSourceBuild.Result runBuild() throws IOException, InterruptedException {
        return PinnedSourceBuild.run(source, PinnedSourceBuild.MANIFEST, work);
    }
}
