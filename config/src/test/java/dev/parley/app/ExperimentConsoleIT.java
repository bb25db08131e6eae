package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.gguf.TinyAdaptedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged bot with {@code parley.model.experiment.*}: both adapters loaded into the real
 * llama.cpp model, each conversation answered by its variant's adapter.
 */
class ExperimentConsoleIT {

    @TempDir
    static Path dir;

    private static Path model;
    private static Path toneA;
    private static Path toneB;

    @BeforeAll
    static void writeModel() throws Exception {
        TinyAdaptedModel files = TinyAdaptedModel.writeTo(dir, "tiny.gguf", "tone.gguf");
        model = files.base();
        toneA = files.adapter();
        toneB = files.writeOtherAdapter("tone-b.gguf");
    }

    private static String[] args(String... extra) {
        var all = new ArrayList<>(List.of(
                "--parley.model.path=" + model,
                "--parley.model.lora.path=" + toneA,
                "--parley.model.temperature=0",
                "--parley.model.max-new-tokens=24",
                "--parley.model.context-size=512"));
        all.addAll(List.of(extra));
        return all.toArray(String[]::new);
    }

    private static String[] experiment(double fraction) {
        return args("--parley.model.experiment.enabled=true",
                "--parley.model.experiment.variant-b.lora-path=" + toneB,
                "--parley.model.experiment.fraction=" + fraction);
    }

    private static String reply(String name, String... args) throws Exception {
        Path work = Files.createDirectories(dir.resolve(name));
        var result = new ParleyProcess(work).run("hello\n", args);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).as("a model reply, not a notice").isNotBlank().doesNotContain("[parley]");
        return result.stdout().strip();
    }

    @Test
    void conversationOnB_isAnsweredWithBsAdapter_andOnA_asWithoutAnExperiment() throws Exception {
        String withoutExperiment = reply("plain", args());
        String onA = reply("on-a", experiment(0));
        String onB = reply("on-b", experiment(1));
        String onBAgain = reply("on-b-again", experiment(1));

        assertThat(onA).isEqualTo(withoutExperiment);
        assertThat(onB).isNotEqualTo(onA);
        assertThat(onBAgain).as("the same conversation, the same variant after a restart").isEqualTo(onB);
    }

    @Test
    void experimentShow_onTheConsole_namesBothVariants() throws Exception {
        Path work = Files.createDirectories(dir.resolve("show"));

        var result = new ParleyProcess(work).run("/model experiment show\n", experiment(0.5));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("A (tone at scale 1.0): 0 exchanges", "B (tone-b at scale 1.0): 0 exchanges");
    }

    @Test
    void enabledWithoutVariantB_stopsStartUpWithOneLine() throws Exception {
        Path work = Files.createDirectories(dir.resolve("invalid"));

        var result = new ParleyProcess(work).run("", args("--parley.model.experiment.enabled=true"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("invalid parley.model.experiment: parley.model.experiment.variant-b.lora-path"
                + " is required when the experiment is enabled");
    }
}
