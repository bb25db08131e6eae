package dev.parley.model.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The context keeps what the previous generation decoded, so the next turn decodes only its new tokens. */
class LlamaCppPromptReuseTest {

    @TempDir
    static Path files;

    static Path file;

    @BeforeAll
    static void writeModel() throws IOException {
        file = TinyModelFiles.writeModel(files);
    }

    @Test
    void secondTurn_decodesOnlyWhatFollowsTheFirstTurnAndItsReply() {
        try (LlamaCppModel model = load()) {
            int[] firstPrompt = prompt(model, List.of(new ChatMessage("user", "hello there")));
            int[] reply;
            try (Generation first = model.generate(firstPrompt, SamplerParameters.greedy(), 8)) {
                assertThat(first.promptTokensDecoded()).isEqualTo(firstPrompt.length);
                reply = first.remaining();
            }
            int[] secondPrompt = concat(firstPrompt, reply, model.tokenize("<|im_end|>\n<|im_start|>user\nand again<|im_end|>\n"
                    + "<|im_start|>assistant\n", false, true));

            try (Generation second = model.generate(secondPrompt, SamplerParameters.greedy(), 8)) {
                // the reply's last token was sampled but never decoded: it is decoded now
                int held = firstPrompt.length + reply.length - 1;
                assertThat(second.promptTokensDecoded()).isEqualTo(secondPrompt.length - held).isLessThan(secondPrompt.length / 2);
                assertThat(second.remaining()).hasSize(8);
            }
        }
    }

    @Test
    void reusedContext_generatesWhatAFreshContextGenerates() {
        int[] reused;
        int[] prompt;
        try (LlamaCppModel model = load()) {
            int[] first = prompt(model, List.of(new ChatMessage("user", "good morning")));
            try (Generation generation = model.generate(first, SamplerParameters.greedy(), 6)) {
                generation.remaining();
            }
            prompt = prompt(model, List.of(new ChatMessage("user", "good morning"), new ChatMessage("assistant", "hi"),
                    new ChatMessage("user", "how are you")));
            try (Generation generation = model.generate(prompt, SamplerParameters.greedy(), 12)) {
                assertThat(generation.promptTokensDecoded()).isLessThan(prompt.length);
                reused = generation.remaining();
            }
        }
        try (LlamaCppModel fresh = load(); Generation generation = fresh.generate(prompt, SamplerParameters.greedy(), 12)) {
            assertThat(generation.promptTokensDecoded()).isEqualTo(prompt.length);
            assertThat(generation.remaining()).containsExactly(reused);
        }
    }

    @Test
    void samePromptTwice_decodesItsLastTokenAgainForTheLogits() {
        try (LlamaCppModel model = load()) {
            int[] prompt = prompt(model, List.of(new ChatMessage("user", "hello")));
            int[] first;
            try (Generation generation = model.generate(prompt, SamplerParameters.greedy(), 5)) {
                first = generation.remaining();
            }
            try (Generation generation = model.generate(prompt, SamplerParameters.greedy(), 5)) {
                assertThat(generation.promptTokensDecoded()).isOne();
                assertThat(generation.remaining()).containsExactly(first);
            }
        }
    }

    @Test
    void otherConversation_decodesItsWholePromptButTheSharedStart() {
        try (LlamaCppModel model = load()) {
            int[] first = prompt(model, List.of(new ChatMessage("user", "hello")));
            try (Generation generation = model.generate(first, SamplerParameters.greedy(), 4)) {
                generation.remaining();
            }
            int[] other = prompt(model, List.of(new ChatMessage("system", "be brief"), new ChatMessage("user", "thanks")));
            int shared = (int) IntStream.range(0, Math.min(first.length, other.length))
                    .takeWhile(i -> first[i] == other[i]).count();

            try (Generation generation = model.generate(other, SamplerParameters.greedy(), 4)) {
                assertThat(generation.promptTokensDecoded()).isEqualTo(other.length - shared);
            }
        }
    }

    private static LlamaCppModel load() {
        return LlamaCppModel.load(ModelParameters.of(file).withContextSize(256).withThreads(1));
    }

    private static int[] prompt(LlamaCppModel model, List<ChatMessage> messages) {
        return model.tokenize(model.applyChatTemplate(messages, true), true, true);
    }

    private static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToInt(java.util.Arrays::stream).toArray();
    }
}
