package dev.parley.model.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.Direction;
import dev.parley.model.gguf.GgufHeader;
import dev.parley.model.gguf.InvalidModelFileException;
import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuardFormatTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"llama-guard-3, LLAMA_GUARD_3", "LLAMA_GUARD_3, LLAMA_GUARD_3", "qwen3guard, QWEN3GUARD_GEN",
        "Qwen3Guard-Gen, QWEN3GUARD_GEN", "' qwen3guard_gen ', QWEN3GUARD_GEN"})
    void named_acceptsTheConfigNameAndTheConstantsName(String name, GuardFormat expected) {
        assertThat(GuardFormat.named(name)).contains(expected);
    }

    @Test
    void named_unknownName_isEmpty() {
        assertThat(GuardFormat.named("llama-guard-4")).isEmpty();
        assertThat(GuardFormat.named("")).isEmpty();
    }

    @Test
    void loadsOnBundledRuntime_bothFamiliesSinceTheAugust2026LlamaCpp() {
        assertThat(GuardFormat.LLAMA_GUARD_3.loadsOnBundledRuntime()).isTrue();
        assertThat(GuardFormat.QWEN3GUARD_GEN.loadsOnBundledRuntime()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"Llama Guard 3 1B, LLAMA_GUARD_3", "Llama-Guard-3-8B, LLAMA_GUARD_3", "Qwen3Guard Gen 0.6B, QWEN3GUARD_GEN",
        "Qwen3Guard-Gen-4B, QWEN3GUARD_GEN"})
    void recognise_readsTheFamilyFromTheFilesName(String name, GuardFormat expected) throws IOException {
        assertThat(GuardFormat.recognise(header("general.name", name))).contains(expected);
    }

    @Test
    void recognise_aNameOfNoKnownFamily_isEmpty() throws IOException {
        assertThat(GuardFormat.recognise(header("general.name", "parley-tiny-llama"))).isEmpty();
        assertThat(GuardFormat.recognise(header("general.name", "Llama Guard 2 8B"))).isEmpty();
    }

    @Test
    void recognise_fallsBackOnTheBasename() throws IOException {
        GgufHeader header = read(TinyLlamaModel.builder().build().toWriter()
                .remove("general.name").putString("general.name", "my fine-tune").putString("general.basename", "Qwen3Guard-Gen"));

        assertThat(GuardFormat.recognise(header)).contains(GuardFormat.QWEN3GUARD_GEN);
    }

    @Test
    void check_aFileOfAnUnknownArchitecture_isStillRefusedAsBefore() throws IOException {
        Path file = dir.resolve("qwen9.gguf");
        TinyLlamaModel.builder().build().toWriter().remove("general.architecture").putString("general.architecture", "qwen9").writeTo(file);

        assertThatThrownBy(() -> GuardFormat.QWEN3GUARD_GEN.check(file))
                .isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("architecture 'qwen9' is not supported by this llama.cpp build");
    }

    @Test
    void check_aLlamaFileOfNoKnownFamily_passesForEitherFormat() throws IOException {
        Path file = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(file);

        assertThat(GuardFormat.LLAMA_GUARD_3.check(file).architecture()).isEqualTo("llama");
        assertThat(GuardFormat.QWEN3GUARD_GEN.check(file).architecture()).isEqualTo("llama");
    }

    @Test
    void promptAndRead_goToTheFormatsOwnPromptAndParser() {
        assertThat(GuardFormat.LLAMA_GUARD_3.prompt("hi", Direction.INPUT, null, false)).contains("User: hi");
        assertThat(GuardFormat.QWEN3GUARD_GEN.prompt("hi", Direction.INPUT, null, true))
                .startsWith("<|im_start|>user").contains("USER: hi");
        assertThat(GuardFormat.LLAMA_GUARD_3.read("unsafe\nS10")).hasValueSatisfying(
                assessment -> assertThat(assessment.scores().score(Category.HATE)).isEqualTo(1.0));
        assertThat(GuardFormat.QWEN3GUARD_GEN.read("unsafe\nS10")).isEmpty();
        assertThat(GuardFormat.QWEN3GUARD_GEN.read("Safety: Unsafe\nCategories: PII")).hasValueSatisfying(
                assessment -> assertThat(assessment.scores().score(Category.HARASSMENT)).isEqualTo(1.0));
        assertThat(GuardFormat.LLAMA_GUARD_3.read("Safety: Unsafe\nCategories: PII")).isEmpty();
    }

    private GgufHeader header(String key, String value) throws IOException {
        return read(TinyLlamaModel.builder().build().toWriter().remove(key).putString(key, value));
    }

    private GgufHeader read(dev.parley.testkit.gguf.GgufWriter writer) throws IOException {
        Path file = dir.resolve("model-" + System.nanoTime() + ".gguf");
        writer.writeTo(file);
        return GgufHeader.read(file);
    }
}
