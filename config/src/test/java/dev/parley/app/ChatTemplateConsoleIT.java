package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.gguf.Architecture;
import dev.parley.testkit.gguf.TinyLlamaModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The packaged bot renders a model's own Jinja chat template (jinjava inside the jar), and a
 * template that fails costs one warning line while the bot answers with llama.cpp's format.
 */
class ChatTemplateConsoleIT {

    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"QWEN3", "GEMMA3"})
    void answersWithAModelOfTodaysArchitectures(Architecture architecture) throws Exception {
        Path work = Files.createDirectories(dir.resolve(architecture.ggufName()));
        Path model = work.resolve("model.gguf");
        TinyLlamaModel.builder().architecture(architecture).build().writeTo(model);

        var result = new ParleyProcess(work).run("hello\n", args(model));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).as("a model reply, not a notice").isNotBlank().doesNotContain("[parley]", "<think>");
        assertThat(Files.readString(work.resolve("data/logs/parley.log"))).doesNotContain("chat template");
    }

    @Test
    void aTemplateThatRunsAwayFallsBackAndTheBotStillAnswers() throws Exception {
        Path work = Files.createDirectories(dir.resolve("runaway"));
        Path model = work.resolve("model.gguf");
        // a hundred million turns, past the output cap at once; ChatML's marker lets llama.cpp match it
        TinyLlamaModel.builder()
                .chatTemplate("{% for a in range(10000) %}{% for b in range(10000) %}<|im_start|>{{ a }}{% endfor %}{% endfor %}")
                .build().writeTo(model);

        var result = new ParleyProcess(work).run("hello\n", args(model));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).as("a model reply, not a notice").isNotBlank().doesNotContain("[parley]");
        assertThat(Files.readAllLines(work.resolve("data/logs/parley.log")))
                .filteredOn(line -> line.contains("chat template"))
                .singleElement().asString().contains("using llama.cpp's built-in format instead");
    }

    private static String[] args(Path model) {
        return new String[] {
            "--parley.model.path=" + model,
            "--parley.model.temperature=0",
            "--parley.model.max-new-tokens=16",
            "--parley.model.context-size=512"};
    }
}
