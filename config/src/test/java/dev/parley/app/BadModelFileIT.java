package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.gguf.TinyLlamaModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad {@code parley.model.path} stops start-up with one line that says why, and no JVM crash. */
class BadModelFileIT {

    @TempDir
    Path dir;

    private ParleyProcess.Result start(Path modelPath) throws Exception {
        return new ParleyProcess(dir).run("hello\n", "--parley.model.path=" + modelPath);
    }

    private void assertOneLineReason(ParleyProcess.Result result, String expected) {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(Launcher.CANNOT_START);
        assertThat(result.stdout()).isBlank();
        assertThat(result.stderrLines()).as(result.stderr()).hasSize(1);
        assertThat(result.stderrLines().getFirst()).startsWith("parley: cannot start: ").contains(expected);
        assertThat(dir.toFile().list((d, name) -> name.startsWith("hs_err"))).as("JVM crash logs").isEmpty();
    }

    @Test
    void missingFile() throws Exception {
        assertOneLineReason(start(dir.resolve("nowhere.gguf")), "nowhere.gguf");
    }

    @Test
    void truncatedFile() throws Exception {
        Path whole = dir.resolve("whole.gguf");
        TinyLlamaModel.builder().build().writeTo(whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(dir.resolve("truncated.gguf"), Arrays.copyOf(bytes, bytes.length / 2));

        assertOneLineReason(start(truncated), "truncated.gguf");
    }

    @Test
    void fileThatIsNotGguf() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.gguf"), "these are not the weights you are looking for");

        assertOneLineReason(start(text), "notes.gguf");
    }
}
