package dev.parley.model.llama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.experiment.Arm;
import dev.parley.core.experiment.Experiment;
import dev.parley.core.experiment.Split;
import dev.parley.core.experiment.Variant;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ReplyStream;
import dev.parley.testkit.gguf.TinyAdaptedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The A/B experiment on the real binding: one model with both variants' adapters, each conversation on its own. */
class ExperimentAdapterTest {

    @TempDir
    static Path dir;

    static LlamaChatModel both;
    static LlamaChatModel onlyA;
    static LlamaChatModel onlyB;

    private static final Experiment EXPERIMENT =
            Experiment.between(new Split(0.5, "ab-test"), new Arm("tone", 1f), new Arm("tone-b", 1f));

    @BeforeAll
    static void loadModels() throws IOException {
        TinyAdaptedModel files = TinyAdaptedModel.writeTo(dir, "base.gguf", "tone.gguf");
        Path a = files.adapter();
        Path b = files.writeOtherAdapter("tone-b.gguf"); // B's weights differ from A's
        LlamaSettings settings = new LlamaSettings(files.base(), 2, 256, 1, 0);
        both = LlamaChatModel.load(settings.withAdapters(List.of(new LoraAdapter(a, 1f), new LoraAdapter(b, 1f))));
        onlyA = LlamaChatModel.load(settings.withAdapters(List.of(new LoraAdapter(a, 1f))));
        onlyB = LlamaChatModel.load(settings.withAdapters(List.of(new LoraAdapter(b, 1f))));
    }

    @AfterAll
    static void closeModels() {
        both.close();
        onlyA.close();
        onlyB.close();
    }

    @Test
    void conversationOnB_getsBsAdapter_andOnA_getsAs() {
        ConversationKey onA = keyOn(Variant.A);
        ConversationKey onB = keyOn(Variant.B);

        String replyA = reply(both, EXPERIMENT.scalesFor(onA, Map.of()));
        String replyB = reply(both, EXPERIMENT.scalesFor(onB, Map.of()));

        assertThat(replyA).isNotBlank().isEqualTo(reply(onlyA, Map.of()));
        assertThat(replyB).isNotBlank().isEqualTo(reply(onlyB, Map.of()));
        assertThat(replyB).isNotEqualTo(replyA);
    }

    @Test
    void sameConversationTwice_getsTheSameReply() {
        ConversationKey onB = keyOn(Variant.B);
        Experiment restarted = Experiment.between(new Split(0.5, "ab-test"), new Arm("tone", 1f), new Arm("tone-b", 1f));

        assertThat(reply(both, restarted.scalesFor(onB, Map.of())))
                .isEqualTo(reply(both, EXPERIMENT.scalesFor(onB, Map.of())));
    }

    private static ConversationKey keyOn(Variant wanted) {
        return IntStream.range(0, 100)
                .mapToObj(i -> new ConversationKey(new Location(Platform.TELEGRAM, "-100", "chat-" + i, null), null))
                .filter(key -> EXPERIMENT.variantOf(key).orElseThrow() == wanted)
                .findFirst().orElseThrow();
    }

    private static String reply(LlamaChatModel model, Map<String, Float> scales) {
        try (ReplyStream stream = model.stream(new ChatRequest(
                List.of(ChatTurn.system("You are Parley."), ChatTurn.user("hello world")),
                new GenerationSettings(12, 0f, 1), scales))) {
            return stream.rest();
        }
    }
}
