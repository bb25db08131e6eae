package dev.parley.model.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binding on a generated llama model (random weights): load, tokens, template, generation. */
class LlamaCppModelTest {

    @TempDir
    static Path files;

    private static LlamaCppModel model;

    @BeforeAll
    static void loadTinyModel() throws IOException {
        Path file = TinyModelFiles.writeModel(files);
        model = LlamaCppModel.load(ModelParameters.of(file).withContextSize(256).withThreads(1));
    }

    @AfterAll
    static void closeModel() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void nativeLibrary_loadsFromTheJarResources() {
        NativeLibrary library = NativeLibrary.get();

        assertThat(library.isAvailable()).as("cause: %s", library.unavailabilityCause()).isTrue();
        assertThat(library.source()).contains(NativeLibrary.platform());
    }

    @Test
    void load_reportsTheGeneratedModelsSizes() {
        assertThat(model.vocabSize()).isEqualTo(512);
        assertThat(model.contextSize()).isGreaterThanOrEqualTo(256);
        assertThat(model.trainedContextSize()).isEqualTo(2048);
        assertThat(model.chatTemplate()).isEqualTo(TinyLlamaModel.CHATML_TEMPLATE);
    }

    @Test
    void tokenize_detokenize_roundTrip() {
        String text = "hello world, how are you? I am a bot";

        int[] tokens = model.tokenize(text, false, false);

        assertThat(tokens).isNotEmpty();
        assertThat(java.util.Arrays.stream(tokens)).allMatch(t -> t > TinyLlamaModel.IM_END_ID);
        assertThat(model.detokenize(tokens).strip()).isEqualTo(text);
    }

    @Test
    void tokenize_controlTokenText_isAControlTokenOnlyWhenAsked() {
        int[] parsed = model.tokenize("<|im_start|>user", false, true);
        int[] literal = model.tokenize("<|im_start|>user", false, false);

        assertThat(parsed[0]).isEqualTo(TinyLlamaModel.IM_START_ID);
        assertThat(literal).doesNotContain(TinyLlamaModel.IM_START_ID);
    }

    @Test
    void tokenize_addSpecial_startsWithBos() {
        assertThat(model.tokenize("hello", true, false)[0]).isEqualTo(TinyLlamaModel.BOS_ID);
    }

    @Test
    void detokenize_idOutsideTheVocabulary_isRejectedInJava() {
        assertThatThrownBy(() -> model.detokenize(new int[] {5, 512}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("512");
        assertThatThrownBy(() -> model.detokenize(new int[] {-1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void applyChatTemplate_rendersTheModelsChatMlTemplate() {
        String prompt = model.applyChatTemplate(
                List.of(new ChatMessage("system", "Be brief."), new ChatMessage("user", "hello")), true);

        assertThat(prompt).isEqualTo("<|im_start|>system\nBe brief.<|im_end|>\n"
                + "<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void generate_greedy_producesExactlyTheLimit() {
        int[] prompt = model.tokenize("hello world", true, false);
        try (Generation generation = model.generate(prompt, SamplerParameters.greedy(), 8)) {
            int[] tokens = generation.remaining();

            assertThat(tokens).hasSize(8);
            assertThat(java.util.Arrays.stream(tokens)).allMatch(t -> t >= 0 && t < model.vocabSize());
            assertThat(generation.produced()).isEqualTo(8);
            assertThat(generation.stopReason()).contains(StopReason.TOKEN_LIMIT);
            assertThat(generation.next()).isEqualTo(Generation.END);
        }
    }

    @Test
    void generate_sameSeed_sameTokens() {
        int[] prompt = model.tokenize("good morning", true, false);

        int[] first = generateAll(prompt, SamplerParameters.seeded(0.9f, 1234), 16);
        int[] second = generateAll(prompt, SamplerParameters.seeded(0.9f, 1234), 16);

        assertThat(first).isNotEmpty().isEqualTo(second);
    }

    @Test
    void generate_greedyTwice_sameTokensAfterTheContextIsReset() {
        int[] prompt = model.tokenize("what is the world", true, false);

        assertThat(generateAll(prompt, SamplerParameters.greedy(), 10))
                .hasSize(10)
                .isEqualTo(generateAll(prompt, SamplerParameters.greedy(), 10));
    }

    @Test
    void generate_whileAnotherIsOpen_isRefused() {
        int[] prompt = model.tokenize("hello", true, false);
        try (Generation open = model.generate(prompt, SamplerParameters.greedy(), 4)) {
            assertThat(open.next()).isNotEqualTo(Generation.END);
            assertThatThrownBy(() -> model.generate(prompt, SamplerParameters.greedy(), 4))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(generateAll(prompt, SamplerParameters.greedy(), 2)).hasSize(2);
    }

    @Test
    void generate_promptLongerThanTheContext_isRefusedInJava() {
        int[] prompt = new int[model.contextSize()];
        java.util.Arrays.fill(prompt, 300);

        assertThatThrownBy(() -> model.generate(prompt, SamplerParameters.greedy(), 1))
                .isInstanceOf(LlamaCppException.class)
                .hasMessageContaining("does not fit");
    }

    @Test
    void generate_untilTheContextIsFull_stopsWithContextFull() {
        int[] prompt = new int[model.contextSize() - 4];
        java.util.Arrays.fill(prompt, 300);
        try (Generation generation = model.generate(prompt, SamplerParameters.greedy(), 100)) {
            int[] tokens = generation.remaining();

            assertThat(tokens.length).isBetween(1, 5);
            assertThat(generation.stopReason()).contains(StopReason.CONTEXT_FULL);
        }
    }

    @Test
    void cancel_beforeTheFirstToken_endsAtOnce() {
        int[] prompt = model.tokenize("hello", true, false);
        try (Generation generation = model.generate(prompt, SamplerParameters.greedy(), 50)) {
            generation.cancel();

            assertThat(generation.next()).isEqualTo(Generation.END);
            assertThat(generation.stopReason()).contains(StopReason.CANCELLED);
        }
    }

    @Test
    void cancel_fromAnotherThread_stopsTheGeneration() throws InterruptedException {
        int[] prompt = model.tokenize("hello", true, false);
        try (Generation generation = model.generate(prompt, SamplerParameters.greedy(), 200)) {
            for (int i = 0; i < 3; i++) {
                assertThat(generation.next()).isNotEqualTo(Generation.END);
            }
            Thread canceller = Thread.ofPlatform().start(generation::cancel);
            canceller.join();

            assertThat(generation.next()).isEqualTo(Generation.END);
            assertThat(generation.produced()).isEqualTo(3);
            assertThat(generation.stopReason()).contains(StopReason.CANCELLED);
        }
    }

    private static int[] generateAll(int[] prompt, SamplerParameters sampler, int maxTokens) {
        try (Generation generation = model.generate(prompt, sampler, maxTokens)) {
            return generation.remaining();
        }
    }
}
