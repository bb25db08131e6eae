package dev.parley.model.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ModelException;
import dev.parley.core.model.ReplyStream;
import dev.parley.model.llamacpp.LlamaCppException;
import dev.parley.model.llamacpp.LlamaCppModel;
import dev.parley.model.llamacpp.ModelParameters;
import dev.parley.model.llamacpp.SamplerParameters;
import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs that aborted or crashed the JVM under the old JNI binding (the numbered triggers of
 * {@code notes/llama-jni.md}), given to Parley's own binding: each is now a clear exception or
 * works, and the JVM running this test goes on. Triggers 1 and 4 (token probabilities, JSON-schema
 * grammars) have no counterpart: the binding offers neither. Trigger 7 is in
 * {@code LlamaCppRobustnessTest}, 10 in {@code JvmExitTest}.
 */
class CrashTriggerTest {

    @TempDir
    static Path dir;

    static Path tinyModel;

    @BeforeAll
    static void writeModel() throws IOException {
        tinyModel = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(tinyModel);
    }

    @Test
    void templateWithoutMessages_rendersOnlyTheAssistantsOpening_trigger2() {
        try (LlamaCppModel model = LlamaCppModel.load(ModelParameters.of(tinyModel).withContextSize(256))) {
            assertThat(model.applyChatTemplate(List.of(), true)).isEqualTo("<|im_start|>assistant\n");
        }
    }

    @Test
    void tokenIdsOutsideTheVocabulary_areAnIllegalArgument_trigger3() {
        try (LlamaCppModel model = LlamaCppModel.load(ModelParameters.of(tinyModel).withContextSize(256))) {
            for (int bad : new int[] {-1, model.vocabSize(), Integer.MAX_VALUE}) {
                assertThatThrownBy(() -> model.generate(new int[] {1, bad}, SamplerParameters.greedy(), 4))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the vocabulary");
            }
            assertThat(model.generate(new int[] {1}, SamplerParameters.greedy(), 2).remaining()).hasSize(2);
        }
    }

    @Test
    void gpuLayersOnTheCpuBuild_loadAndGenerate_trigger5() {
        try (LlamaChatModel model = LlamaChatModel.load(new LlamaSettings(tinyModel, 2, 256, 1, 99))) {
            assertThat(drain(model.stream(request()))).isNotBlank();
        }
    }

    @Test
    void numbersOutOfRange_areRefusedBeforeLoading_trigger5() {
        assertThatThrownBy(() -> new LlamaSettings(tinyModel, 0, 256, 1, 0)).hasMessageContaining("threads");
        assertThatThrownBy(() -> new LlamaSettings(tinyModel, 2, 8, 1, 0)).hasMessageContaining("contextSize");
        assertThatThrownBy(() -> new ModelParameters(tinyModel, 256, 512, 1, 0)).hasMessageContaining("batchSize");
    }

    @Test
    void chatTemplateLlamaCppDoesNotKnow_isAOneLineModelException_trigger6() throws IOException {
        Path odd = dir.resolve("odd-template.gguf");
        // a Jinja error (the loop never ends) sends rendering to llama.cpp's formats, which know none of it
        TinyLlamaModel.builder().chatTemplate("{% for m in messages %}[[{{ m.content }}]]").build().writeTo(odd);
        try (LlamaChatModel model = LlamaChatModel.load(new LlamaSettings(odd, 2, 256, 1, 0))) {
            assertThatThrownBy(() -> model.stream(request()))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("no built-in chat format")
                    .message().doesNotContain("\n");
            // the model stays usable with a prompt of its own format
            assertThat(drain(model.streamPrompt("[[hello]]", new GenerationSettings(4, 0f, 1)))).isNotBlank();
        }
    }

    @Test
    void promptLongerThanTheContext_isRefusedNotTruncated() {
        try (LlamaCppModel model = LlamaCppModel.load(ModelParameters.of(tinyModel).withContextSize(256))) {
            int[] prompt = model.tokenize("hello world ".repeat(model.contextSize()), true, false);
            assertThatThrownBy(() -> model.generate(prompt, SamplerParameters.greedy(), 4))
                    .isInstanceOf(LlamaCppException.class).hasMessageContaining("does not fit a context of");
        }
    }

    private static ChatRequest request() {
        return new ChatRequest(List.of(ChatTurn.system("You are Parley."), ChatTurn.user("hello")),
                new GenerationSettings(8, 0f, 1));
    }

    private static String drain(ReplyStream stream) {
        try (stream) {
            return stream.rest();
        }
    }
}
