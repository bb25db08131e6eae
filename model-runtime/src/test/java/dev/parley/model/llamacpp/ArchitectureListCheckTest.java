package dev.parley.model.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.model.gguf.GgufHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GgufHeader's architecture list moves with the llama.cpp pin: build-native.sh compares it with
 * the checked source's {@code LLM_ARCH_NAMES} and stops, in one line naming what to add and
 * remove, when a new pin (source and manifest replaced together) knows another architecture.
 */
class ArchitectureListCheckTest {

    private static final String ARCH_SOURCE = "examples/talk-llama/llama-arch.cpp";

    @TempDir
    Path work;

    private Path source;

    @BeforeEach
    void extractTheSource() throws Exception {
        source = PinnedSourceBuild.extract(work);
    }

    @Test
    void theListIsThePinnedSourcesNames() throws Exception {
        String arch = Files.readString(source.resolve(ARCH_SOURCE), StandardCharsets.UTF_8);
        for (String name : GgufHeader.LLAMA_CPP_ARCHITECTURES) {
            assertThat(arch).contains("\"" + name + "\"");
        }
        assertThat(GgufHeader.LLAMA_CPP_ARCHITECTURES).hasSize(144).contains("llama", "qwen3", "gemma3").doesNotContain("clip");
    }

    @Test
    void aPinWithAnotherArchitecture_stopsTheBuildInOneLineNamingIt() throws Exception {
        Path arch = source.resolve(ARCH_SOURCE);
        String text = Files.readString(arch, StandardCharsets.UTF_8);
        String llama = "    { LLM_ARCH_LLAMA,            \"llama\"            },\n";
        assertThat(text).contains(llama);
        Files.writeString(arch, text.replace(llama, llama + "    { LLM_ARCH_PARLEY_TEST,      \"parley-test\"      },\n"));
        // a new pin replaces the source and its manifest together
        String oldSum = sha256(text.getBytes(StandardCharsets.UTF_8));
        String newSum = sha256(Files.readAllBytes(arch));
        Path manifest = work.resolve("llama-sources.sha256");
        Files.writeString(manifest, Files.readString(PinnedSourceBuild.MANIFEST, StandardCharsets.UTF_8).replace(oldSum, newSum));

        PinnedSourceBuild.Result result = runBuild(manifest);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderrLines()).containsExactly("parley native build: llama-cpp-architectures.txt is out of step with "
                + ARCH_SOURCE + "'s LLM_ARCH_NAMES: add [parley-test], remove []");
        assertThat(work.resolve("cache")).doesNotExist();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private PinnedSourceBuild.Result runBuild(Path manifest) throws IOException, InterruptedException {
        return PinnedSourceBuild.run(source, manifest, work);
    }
}
