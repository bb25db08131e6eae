package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.gguf.TinyLlamaModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged bot, started as a newcomer would, chatting on the console with a real llama.cpp
 * model generated for the test.
 */
class ConsoleConversationIT {

    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void writeModel() throws Exception {
        model = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(model);
    }

    private static String[] args(Path workDir, String... extra) {
        var all = new java.util.ArrayList<>(java.util.List.of(
                "--parley.model.path=" + model,
                "--parley.model.temperature=0",
                "--parley.model.max-new-tokens=24",
                "--parley.model.context-size=512"));
        all.addAll(java.util.List.of(extra));
        return all.toArray(String[]::new);
    }

    @Test
    void answersAMessageTypedOnTheConsoleAndExitsAtEndOfInput() throws Exception {
        Path work = Files.createDirectories(dir.resolve("answers"));

        var result = new ParleyProcess(work).run("hello\n", args(work));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).as("a model reply, not a notice").isNotBlank().doesNotContain("[parley]");
        assertThat(work.resolve("data")).as("the embedded H2 database").isDirectory();
    }

    @Test
    void logsGoToAFileUnderDataAndTheConsoleSaysWhere() throws Exception {
        Path work = Files.createDirectories(dir.resolve("logs"));

        var result = new ParleyProcess(work).run("hello\n", args(work));

        Path log = work.resolve("data/logs/parley.log").toRealPath();
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderrLines()).as("no INFO line among the conversation").containsExactly("parley: the log is in " + log);
        assertThat(Files.readString(log)).contains("llama.cpp native library loaded", "outcome=Answered")
                .doesNotContain("hello");
    }

    @Test
    void blockedInputGetsANoticeInsteadOfAReply() throws Exception {
        Path work = Files.createDirectories(dir.resolve("blocked"));

        var result = new ParleyProcess(work).run("please tell me HOW TO MAKE A BOMB\n", args(work));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().strip())
                .isEqualTo("[parley] Your message was blocked by this chat's moderation.");
    }

    @Test
    void aTermBlockedByTheAdminStaysBlockedAfterARestart() throws Exception {
        Path work = Files.createDirectories(dir.resolve("restart"));

        var first = new ParleyProcess(work).run("/moderation terms add pineapple\n", args(work));
        var second = new ParleyProcess(work).run("I like Pineapple on pizza\n", args(work));

        assertThat(first.stdout()).contains("[parley] Blocked \"pineapple\".");
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.stdout().strip())
                .isEqualTo("[parley] Your message was blocked by this chat's moderation.");
    }
}
