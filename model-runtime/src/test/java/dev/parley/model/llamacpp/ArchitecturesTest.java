package dev.parley.model.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Generated llama, qwen2, qwen3 and gemma3 models load, render their chat template and generate. */
class ArchitecturesTest {

    @TempDir
    static Path files;

    @BeforeAll
    static void requireTheLibrary() {
        assumeFalse(Boolean.getBoolean("parley.native.skip"), "built with -Dparley.native.skip=true: no native library");
    }

    @ParameterizedTest
    @EnumSource(TinyArchitectures.class)
    void load_render_generate(TinyArchitectures architecture) throws IOException {
        Path file = files.resolve(architecture + ".gguf");
        architecture.write(TinyLlamaModel.builder().build(), file);

        try (LlamaCppModel model = LlamaCppModel.load(ModelParameters.of(file).withContextSize(128).withThreads(1))) {
            String prompt = model.applyChatTemplate(List.of(new ChatMessage("user", "hello")), true);
            int[] promptTokens = model.tokenize(prompt, true, true);
            int[] greedy = generate(model, promptTokens, SamplerParameters.greedy());

            assertThat(prompt).isEqualTo("<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n");
            assertThat(promptTokens).contains(TinyLlamaModel.IM_START_ID, TinyLlamaModel.IM_END_ID);
            assertThat(greedy).hasSize(6).isEqualTo(generate(model, promptTokens, SamplerParameters.greedy()));
            assertThat(generate(model, promptTokens, SamplerParameters.seeded(0.8f, 99)))
                    .isNotEmpty()
                    .isEqualTo(generate(model, promptTokens, SamplerParameters.seeded(0.8f, 99)));
            assertThat(model.detokenize(greedy)).isNotBlank();
        }
    }

    private static int[] generate(LlamaCppModel model, int[] prompt, SamplerParameters sampler) {
        try (Generation generation = model.generate(prompt, sampler, 6)) {
            return generation.remaining();
        }
    }
}
