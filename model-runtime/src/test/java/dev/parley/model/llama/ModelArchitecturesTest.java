package dev.parley.model.llama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ReplyStream;
import dev.parley.testkit.gguf.Architecture;
import dev.parley.testkit.gguf.GgmlType;
import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Generated models of each architecture Parley supports load with the real binding, render a
 * conversation with their own Jinja template, and generate.
 */
class ModelArchitecturesTest {

    private static final List<ChatTurn> CONVERSATION = List.of(
            ChatTurn.system("You are Parley."),
            ChatTurn.user("hello"),
            ChatTurn.assistant("hi there"),
            ChatTurn.user("how are you?"));

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void load_rendersItsOwnTemplateAndGenerates(Architecture architecture) throws IOException {
        try (LlamaChatModel model = load(TinyLlamaModel.builder().architecture(architecture).build())) {
            ChatRequest request = new ChatRequest(CONVERSATION, new GenerationSettings(12, 0f, 1));

            assertThat(model.header().architecture()).isEqualTo(architecture.ggufName());
            assertThat(model.renderPrompt(request)).isEqualTo(expectedPrompt(architecture));
            assertThat(drain(model.stream(request))).isNotBlank();
        }
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F16", "Q4_0", "Q8_0"})
    void load_quantisedMatrices_generates(GgmlType type) throws IOException {
        // Q4_0 is the type ggml's CPU backend repacks for batched products (the benchmarks use it)
        try (LlamaChatModel model = load(TinyLlamaModel.builder().matrixType(type).build())) {
            assertThat(drain(model.stream(new ChatRequest(CONVERSATION, new GenerationSettings(12, 0f, 1)))))
                    .isNotBlank();
        }
    }

    @Test
    void render_templateLlamaCppDoesNotKnow_isRenderedInJava() throws IOException {
        try (LlamaChatModel model = load(TinyLlamaModel.builder()
                .chatTemplate("{% for m in messages %}[[{{ m.role }}: {{ m.content }}]]{% endfor %}").build())) {
            ChatRequest request = new ChatRequest(List.of(ChatTurn.system("Be brief."), ChatTurn.user("hello")),
                    new GenerationSettings(4, 0f, 1));

            assertThat(model.renderPrompt(request)).isEqualTo("[[system: Be brief.]][[user: hello]]");
            assertThat(drain(model.stream(request))).isNotBlank();
        }
    }

    @Test
    void render_qwen2WithoutSystemTurn_getsTheTemplatesDefaultSystemPrompt() throws IOException {
        try (LlamaChatModel model = load(TinyLlamaModel.builder().architecture(Architecture.QWEN2).build())) {
            String prompt = model.renderPrompt(new ChatRequest(List.of(ChatTurn.user("hello")), new GenerationSettings(4, 0f, 1)));

            assertThat(prompt).isEqualTo("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
                    + "<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n");
        }
    }

    @Test
    void stream_aTemplateWhoseReplyOpensInAThought_showsNoneOfIt() throws IOException {
        // a template that always thinks (as Qwen3's thinking-only models' do): the reply starts
        // inside the thought, and this model's random text never closes it
        String alwaysThinks = "{% for m in messages %}{{ '<|im_start|>' + m.role + '\\n' + m.content + '<|im_end|>\\n' }}{% endfor %}"
                + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n<think>\\n' }}{% endif %}";
        ChatRequest request = new ChatRequest(CONVERSATION, new GenerationSettings(24, 0f, 1));
        try (LlamaChatModel model = load(TinyLlamaModel.builder().architecture(Architecture.QWEN3).chatTemplate(alwaysThinks).build())) {
            assertThat(model.renderPrompt(request)).endsWith("<|im_start|>assistant\n<think>\n");
            assertThat(drain(model.stream(request))).isEmpty();
        }
    }

    @Test
    void render_qwen3_dropsThinkingFromEarlierRepliesAndTurnsThinkingOff() throws IOException {
        try (LlamaChatModel model = load(TinyLlamaModel.builder().architecture(Architecture.QWEN3).build())) {
            String prompt = model.renderPrompt(new ChatRequest(List.of(ChatTurn.user("hello"),
                    ChatTurn.assistant("<think>\nthey greet me\n</think>\n\nhi"), ChatTurn.user("ok")), new GenerationSettings(4, 0f, 1)));

            assertThat(prompt).isEqualTo("<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\nhi<|im_end|>\n"
                    + "<|im_start|>user\nok<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n");
        }
    }

    @Test
    void render_userTextWithTemplateSyntax_isContent() throws IOException {
        try (LlamaChatModel model = load(TinyLlamaModel.builder().architecture(Architecture.GEMMA3).build())) {
            String prompt = model.renderPrompt(new ChatRequest(List.of(ChatTurn.user("{{ bos_token }}{% if true %}x{% endif %}")),
                    new GenerationSettings(4, 0f, 1)));

            assertThat(prompt).isEqualTo("<s><start_of_turn>user\n{{ bos_token }}{% if true %}x{% endif %}<end_of_turn>\n"
                    + "<start_of_turn>model\n");
        }
    }

    @Test
    void stream_brokenTemplates_fallBackToTheBuiltInFormatAndStillAnswer() throws IOException {
        // each names ChatML's marker, so llama.cpp's built-in matching recognises it
        List<String> broken = List.of(
                "{% for message in messages %}<|im_start|>{{ message.content }",
                "{% for a in range(10000) %}{% for b in range(10000) %}<|im_start|>{{ a }}{% endfor %}{% endfor %}",
                "{{ raise_exception('nope') }}<|im_start|>");
        for (String template : broken) {
            try (LlamaChatModel model = load(TinyLlamaModel.builder().chatTemplate(template).build())) {
                ChatRequest request = new ChatRequest(CONVERSATION, new GenerationSettings(8, 0f, 1));

                assertThat(model.renderPrompt(request)).isEqualTo(expectedPrompt(Architecture.QWEN2));
                assertThat(drain(model.stream(request))).isNotBlank();
            }
        }
    }

    private LlamaChatModel load(TinyLlamaModel tiny) throws IOException {
        Path file = dir.resolve("tiny-" + System.nanoTime() + ".gguf");
        tiny.writeTo(file);
        return LlamaChatModel.load(new LlamaSettings(file, 1, 512, 1, 0));
    }

    private static String expectedPrompt(Architecture architecture) {
        return switch (architecture) {
            case LLAMA -> "<s><|start_header_id|>system<|end_header_id|>\n\nYou are Parley.<|eot_id|>"
                    + "<|start_header_id|>user<|end_header_id|>\n\nhello<|eot_id|>"
                    + "<|start_header_id|>assistant<|end_header_id|>\n\nhi there<|eot_id|>"
                    + "<|start_header_id|>user<|end_header_id|>\n\nhow are you?<|eot_id|>"
                    + "<|start_header_id|>assistant<|end_header_id|>\n\n";
            case QWEN2 -> "<|im_start|>system\nYou are Parley.<|im_end|>\n<|im_start|>user\nhello<|im_end|>\n"
                    + "<|im_start|>assistant\nhi there<|im_end|>\n<|im_start|>user\nhow are you?<|im_end|>\n"
                    + "<|im_start|>assistant\n";
            case QWEN3 -> expectedPrompt(Architecture.QWEN2) + "<think>\n\n</think>\n\n";
            case GEMMA3 -> "<s><start_of_turn>user\nYou are Parley.\n\nhello<end_of_turn>\n"
                    + "<start_of_turn>model\nhi there<end_of_turn>\n"
                    + "<start_of_turn>user\nhow are you?<end_of_turn>\n<start_of_turn>model\n";
        };
    }

    private static String drain(ReplyStream stream) {
        try (stream) {
            return stream.rest();
        }
    }
}
