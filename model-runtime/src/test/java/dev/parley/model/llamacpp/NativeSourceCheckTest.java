package dev.parley.model.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.model.gguf.GgufHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native build's checks on the pinned llama.cpp source, before anything is compiled (so these
 * tests take seconds): build-native.sh stops in one line on a tampered or missing file, and when
 * GgufHeader's architecture list is out of step with the source's {@code LLM_ARCH_NAMES} (a new
 * pin, source and manifest replaced together, that knows another architecture). Run on the
 * archive the build was given ({@code -Dparley.llama.source}), skipped without it.
 */
class NativeSourceCheckTest {

    private static final Path SCRIPT = Path.of("src/main/native/build-native.sh");
    private static final Path MANIFEST = Path.of("src/main/native/llama-sources.sha256");
    private static final String ARCH_SOURCE = "examples/talk-llama/llama-arch.cpp";

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
        Files.writeString(tampered, "\n// one added line\n", StandardOpenOption.APPEND);

        Result result = runBuild(MANIFEST);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderrLines()).containsExactly(
                "parley native build: llama.cpp source check failed: ggml/src/ggml.c does not match its sha256 in llama-sources.sha256");
        assertThat(work.resolve("cache")).doesNotExist();
    }

    @Test
    void build_missingSourceFile_stopsWithOneLineNamingIt() throws Exception {
        Files.delete(source.resolve("examples/talk-llama/llama-vocab.cpp"));

        Result result = runBuild(MANIFEST);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderrLines()).containsExactly(
                "parley native build: llama.cpp source check failed: examples/talk-llama/llama-vocab.cpp is missing (listed in llama-sources.sha256)");
    }

    @Test
    void architectureList_isThePinnedSourcesNames() throws Exception {
        String arch = Files.readString(source.resolve(ARCH_SOURCE), StandardCharsets.UTF_8);
        for (String name : GgufHeader.LLAMA_CPP_ARCHITECTURES) {
            assertThat(arch).contains("\"" + name + "\"");
        }
        assertThat(GgufHeader.LLAMA_CPP_ARCHITECTURES).hasSize(144).contains("llama", "qwen3", "gemma3").doesNotContain("clip");
    }

    @Test
    void build_aPinWithAnotherArchitecture_stopsInOneLineNamingIt() throws Exception {
        Path arch = source.resolve(ARCH_SOURCE);
        String text = Files.readString(arch, StandardCharsets.UTF_8);
        String llama = "    { LLM_ARCH_LLAMA,            \"llama\"            },\n";
        assertThat(text).contains(llama);
        Files.writeString(arch, text.replace(llama, llama + "    { LLM_ARCH_PARLEY_TEST,      \"parley-test\"      },\n"));
        // a new pin replaces the source and its manifest together
        String oldSum = sha256(text.getBytes(StandardCharsets.UTF_8));
        String newSum = sha256(Files.readAllBytes(arch));
        Path manifest = work.resolve("llama-sources.sha256");
        Files.writeString(manifest, Files.readString(MANIFEST, StandardCharsets.UTF_8).replace(oldSum, newSum));

        Result result = runBuild(manifest);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderrLines()).containsExactly("parley native build: llama-cpp-architectures.txt is out of step with "
                + ARCH_SOURCE + "'s LLM_ARCH_NAMES: add [parley-test], remove []");
        assertThat(work.resolve("cache")).doesNotExist();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private Result runBuild(Path manifest) throws IOException, InterruptedException {
        Path stderr = work.resolve("stderr.txt");
        Process build = new ProcessBuilder("bash", SCRIPT.toString(), source.toString(), manifest.toString(),
                        System.getProperty("java.home"), work.resolve("out").toString(), work.resolve("cache").toString(), "")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile())
                .start();
        assertThat(build.waitFor(120, TimeUnit.SECONDS)).as("the check finished").isTrue();
        return new Result(build.exitValue(), Files.readAllLines(stderr, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, List<String> stderrLines) {}
}
