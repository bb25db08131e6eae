package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.gguf.TinyLlamaModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad {@code parley.moderation.guard.model-path} stops start-up with one line, as a bad chat model does. */
class BadGuardModelIT {

    @TempDir
    Path dir;

    private ParleyProcess.Result start(Path guardPath, String... more) throws Exception {
        Path model = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(model);
        String[] args = new String[2 + more.length];
        args[0] = "--parley.model.path=" + model;
        args[1] = "--parley.moderation.guard.model-path=" + guardPath;
        System.arraycopy(more, 0, args, 2, more.length);
        return new ParleyProcess(dir).run("hello\n", args);
    }

    private void assertOneLineReason(ParleyProcess.Result result, String... expected) {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(Launcher.CANNOT_START);
        // the chat model loads first and logs that it did; then one line says why start-up stopped
        assertThat(result.stderrLines()).as(result.stderr())
                .filteredOn(line -> !line.contains(" INFO ")).singleElement().asString()
                .startsWith("parley: cannot start: ").contains(expected);
        assertThat(dir.toFile().list((d, name) -> name.startsWith("hs_err"))).as("JVM crash logs").isEmpty();
    }

    @Test
    void missingGuardFile() throws Exception {
        assertOneLineReason(start(dir.resolve("no-guard.gguf")), "parley.moderation.guard.model-path", "no-guard.gguf");
    }

    @Test
    void guardFileThatIsNotGguf() throws Exception {
        Path text = Files.writeString(dir.resolve("guard-notes.gguf"), "not a guard");

        assertOneLineReason(start(text), "parley.moderation.guard.model-path", "guard-notes.gguf");
    }

    @Test
    void unsureFromOutsideItsRange() throws Exception {
        Path guard = dir.resolve("guard.gguf");
        TinyLlamaModel.builder().build().writeTo(guard);

        assertOneLineReason(start(guard, "--parley.moderation.guard.unsure-from=0"),
                "parley.moderation.guard", "unsure-from must be in (0, 1], was 0.0");
    }
}
