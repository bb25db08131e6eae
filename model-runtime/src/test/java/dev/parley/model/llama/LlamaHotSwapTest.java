package dev.parley.model.llama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ReplyStream;
import dev.parley.core.modelswap.HotSwap;
import dev.parley.core.modelswap.LoadedModel;
import dev.parley.core.modelswap.ModelSpec;
import dev.parley.core.modelswap.SwapEvents;
import dev.parley.core.modelswap.SwapOutcome;
import dev.parley.core.modelswap.SwappableChatModel;
import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot swap with the real llama.cpp runtime and two generated models, A and B (other weights):
 * replies running on A finish on A, new ones come from B, and a bad candidate leaves A serving.
 */
class LlamaHotSwapTest {

    private static final List<String> PROMPTS = List.of("hello", "how are you", "good morning", "what is the bot");
    private static final int TOKENS = 32;
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-12-06T05:00:00Z"));

    @TempDir
    static Path dir;

    static Path modelA;
    static Path modelB;
    static Map<String, String> aloneA;
    static Map<String, String> aloneB;

    @BeforeAll
    static void writeModels() throws IOException {
        modelA = dir.resolve("model-a.gguf");
        modelB = dir.resolve("model-b.gguf");
        TinyLlamaModel.builder().seed(1).build().writeTo(modelA);
        TinyLlamaModel.builder().seed(2).build().writeTo(modelB);
        aloneA = greedyReplies(modelA);
        aloneB = greedyReplies(modelB);
        for (String prompt : PROMPTS) {
            assertThat(aloneB.get(prompt)).as("B's weights differ, so its greedy reply to %s does", prompt)
                    .isNotEqualTo(aloneA.get(prompt));
        }
    }

    @Test
    void load_whileFourRepliesStream_theyFinishOnTheOldModelAndTheNextComeFromTheNew() {
        LlamaChatModel a = LlamaChatModel.load(settings(modelA));
        var events = new RecordedEvents();
        try (var model = new SwappableChatModel(a)) {
            HotSwap swap = hotSwap(model, a, events);
            List<ReplyStream> running = new ArrayList<>();
            List<StringBuilder> texts = new ArrayList<>();
            for (String prompt : PROMPTS) {
                ReplyStream stream = model.stream(request(prompt));
                running.add(stream);
                // the first piece: generation runs on A and holds its slot
                texts.add(new StringBuilder(stream.next()));
            }
            assertThat(a.busySlots()).isEqualTo(4);

            SwapOutcome outcome = swap.load(ModelSpec.of(modelB));

            assertThat(outcome).isInstanceOf(SwapOutcome.Switched.class);
            assertThat(swap.serving().info().spec().model()).isEqualTo(modelB);
            assertThat(model.retiringModels()).as("A stays open for its replies").isEqualTo(1);
            assertThat(a.stats().loaded()).isTrue();
            assertThat(model.busySlots()).as("A's replies still count against the slots").isEqualTo(4);
            for (int i = 0; i < PROMPTS.size(); i++) {
                try (ReplyStream stream = running.get(i)) {
                    texts.get(i).append(stream.rest());
                }
                assertThat(texts.get(i).toString()).as("reply %d, finished on A", i).isEqualTo(aloneA.get(PROMPTS.get(i)));
            }
            assertThat(model.retiringModels()).isZero();
            assertThat(a.stats().loaded()).as("A closed once its last reply was").isFalse();
            for (String prompt : PROMPTS) {
                assertThat(drain(model.stream(request(prompt)))).as("a new reply to %s", prompt).isEqualTo(aloneB.get(prompt));
            }
            assertThat(events.switched).containsExactly("model-a.gguf -> model-b.gguf");
            assertThat(events.refused).isEmpty();
        }
    }

    @Test
    void load_truncatedFile_keepsTheOldModelServingWithAOneLineReason() throws IOException {
        Path truncated = dir.resolve("truncated.gguf");
        byte[] whole = Files.readAllBytes(modelB);
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        LlamaChatModel a = LlamaChatModel.load(settings(modelA));
        var events = new RecordedEvents();
        try (var model = new SwappableChatModel(a)) {
            HotSwap swap = hotSwap(model, a, events);

            SwapOutcome outcome = swap.load(ModelSpec.of(truncated));

            assertThat(outcome).isInstanceOfSatisfying(SwapOutcome.Refused.class, refused -> assertThat(refused.reason())
                    .contains("truncated.gguf").doesNotContain("\n"));
            assertThat(model.serving()).isSameAs(a);
            assertThat(swap.serving().info().spec().model()).isEqualTo(modelA);
            assertThat(drain(model.stream(request(PROMPTS.getFirst())))).isEqualTo(aloneA.get(PROMPTS.getFirst()));
            assertThat(events.refused).hasSize(1);
            assertThat(events.switched).isEmpty();
        }
    }

    @Test
    void load_modelTrainedForLessContextThanTheBotUses_isRefused() throws IOException {
        Path shortContext = dir.resolve("short-context.gguf");
        TinyLlamaModel.builder().seed(3).contextLength(128).build().writeTo(shortContext);
        LlamaChatModel a = LlamaChatModel.load(settings(modelA));
        try (var model = new SwappableChatModel(a)) {
            HotSwap swap = hotSwap(model, a, new RecordedEvents());

            SwapOutcome outcome = swap.load(ModelSpec.of(shortContext));

            assertThat(outcome).isInstanceOfSatisfying(SwapOutcome.Refused.class, refused -> assertThat(refused.reason())
                    .contains("256", "128").doesNotContain("\n"));
            assertThat(model.serving()).isSameAs(a);
        }
    }

    @Test
    void rollback_servesThePreviousModelAgainAndClosesTheReplacedOne() {
        LlamaChatModel a = LlamaChatModel.load(settings(modelA));
        try (var model = new SwappableChatModel(a)) {
            HotSwap swap = hotSwap(model, a, new RecordedEvents());
            swap.load(ModelSpec.of(modelB));
            var b = (LlamaChatModel) model.serving();

            SwapOutcome outcome = swap.rollback();

            assertThat(outcome).isInstanceOf(SwapOutcome.Switched.class);
            assertThat(b.stats().loaded()).as("no reply ran on B: closed at once").isFalse();
            assertThat(swap.serving().info().spec().model()).isEqualTo(modelA);
            assertThat(drain(model.stream(request("hello")))).isEqualTo(aloneA.get("hello"));
        }
    }

    private static HotSwap hotSwap(SwappableChatModel model, LlamaChatModel initial, SwapEvents events) {
        var loader = new LlamaModelLoader(settings(modelA));
        return new HotSwap(model, loader.describe(initial, ModelSpec.of(modelA)), loader, events, CLOCK, 256);
    }

    private static Map<String, String> greedyReplies(Path file) {
        Map<String, String> replies = new LinkedHashMap<>();
        try (LlamaChatModel alone = LlamaChatModel.load(settings(file).withParallel(1))) {
            for (String prompt : PROMPTS) {
                replies.put(prompt, drain(alone.stream(request(prompt))));
            }
        }
        return replies;
    }

    private static LlamaSettings settings(Path model) {
        return new LlamaSettings(model, 2, 256, 4, 0);
    }

    private static ChatRequest request(String userText) {
        return new ChatRequest(List.of(ChatTurn.system("You are Parley."), ChatTurn.user(userText)),
                new GenerationSettings(TOKENS, 0f, 1));
    }

    private static String drain(ReplyStream stream) {
        try (stream) {
            return stream.rest();
        }
    }

    /** What the swap reported, as text. */
    private static final class RecordedEvents implements SwapEvents {
        final List<String> switched = new CopyOnWriteArrayList<>();
        final List<String> refused = new CopyOnWriteArrayList<>();

        @Override
        public void switched(LoadedModel previous, LoadedModel next) {
            switched.add(previous.info().spec().model().getFileName() + " -> " + next.info().spec().model().getFileName());
        }

        @Override
        public void refused(ModelSpec candidate, String reason) {
            refused.add(reason);
        }
    }
}
