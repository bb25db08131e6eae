package dev.parley.app.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.app.Launcher;
import dev.parley.app.startup.StartupException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

@ExtendWith(OutputCaptureExtension.class)
class TokenFilesTest {

    private static MockEnvironment process(MockEnvironment environment) {
        TokenFiles.apply(environment);
        return environment;
    }

    @Test
    void theTokenIsReadFromTheFileTrimmed(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("discord"), "\n  discord-from-file \n");

        var environment = process(new MockEnvironment().withProperty("parley.discord.token-file", secret.toString())
                .withProperty("parley.discord.token", ""));

        assertThat(environment.getProperty("parley.discord.token")).isEqualTo("discord-from-file");
        assertThat(environment.getProperty("parley.telegram.token")).isNull();
    }

    @Test
    void withoutAFileNothingChanges() {
        var environment = process(new MockEnvironment().withProperty("parley.telegram.token", "from-env"));

        assertThat(environment.getProperty("parley.telegram.token")).isEqualTo("from-env");
        assertThat(environment.getPropertySources().contains(TokenFiles.SOURCE)).isFalse();
    }

    @Test
    void aMissingFileStopsStartUpNamingTheKeyAndTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> process(new MockEnvironment()
                .withProperty("parley.telegram.token-file", missing.toString())))
                .isInstanceOf(StartupException.class)
                .hasMessage("parley.telegram.token-file: no such file " + missing.toAbsolutePath());
    }

    @Test
    void anEmptyFileStopsStartUp(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), " \n");

        assertThatThrownBy(() -> process(new MockEnvironment()
                .withProperty("parley.telegram.token-file", empty.toString())))
                .isInstanceOf(StartupException.class)
                .hasMessage("parley.telegram.token-file: " + empty.toAbsolutePath() + " is empty");
    }

    @Test
    void aTokenSetBothWaysStopsStartUpWithoutShowingIt(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("discord"), "file-token");

        assertThatThrownBy(() -> process(new MockEnvironment().withProperty("parley.discord.token-file", secret.toString())
                .withProperty("parley.discord.token", "env-token")))
                .isInstanceOf(StartupException.class)
                .hasMessage("set either parley.discord.token or parley.discord.token-file, not both");
    }

    @Test
    void launcher_aMissingTokenFileIsOneClearLine(@TempDir Path dir, CapturedOutput output) {
        var err = new ByteArrayOutputStream();
        Path missing = dir.resolve("discord-token");

        int status = new Launcher(new PrintStream(err, true, StandardCharsets.UTF_8)).run(
                "--parley.discord.token-file=" + missing, "--parley.console.enabled=false");

        assertThat(status).isEqualTo(Launcher.CANNOT_START);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("parley: cannot start: parley.discord.token-file: "
                + "no such file " + missing.toAbsolutePath() + System.lineSeparator());
        assertThat(output.getAll()).doesNotContain("Exception");
    }
}
