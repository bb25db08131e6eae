package dev.parley.model.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the tests of the native build's checks share: the pinned llama.cpp source archive the build
 * was given ({@code -Dparley.llama.source}; the test is skipped without it) extracted into a test's
 * directory, and {@code build-native.sh} run on a source and a manifest, its stderr kept.
 */
final class PinnedSourceBuild {

    static final Path SCRIPT = Path.of("src/main/native/build-native.sh");
    static final Path MANIFEST = Path.of("src/main/native/llama-sources.sha256");

    /** What a build said: its exit code and its stderr's lines. */
    record Result(int exitCode, List<String> stderrLines) {}

    private PinnedSourceBuild() {}

    /** Extracts the archive into {@code work}/source and returns that directory. */
    static Path extract(Path work) throws IOException, InterruptedException {
        Path archive = Path.of(System.getProperty("parley.llama.source", "absent"));
        assumeTrue(Files.isRegularFile(archive), "no llama.cpp source archive at " + archive);
        Path source = Files.createDirectory(work.resolve("source"));
        Process tar = new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", source.toString(), "--strip-components=1")
                .inheritIO().start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0).as("tar extracted the archive").isTrue();
        return source;
    }

    /** Runs the build script on {@code source} checked against {@code manifest}, its output and cache under {@code work}. */
    static Result run(Path source, Path manifest, Path work) throws IOException, InterruptedException {
        Path stderr = work.resolve("stderr.txt");
        Process build = new ProcessBuilder("bash", SCRIPT.toString(), source.toString(), manifest.toString(),
                        System.getProperty("java.home"), work.resolve("out").toString(), work.resolve("cache").toString(), "")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile())
                .start();
        assertThat(build.waitFor(120, TimeUnit.SECONDS)).as("the check finished").isTrue();
        return new Result(build.exitValue(), Files.readAllLines(stderr, StandardCharsets.UTF_8));
    }
}
