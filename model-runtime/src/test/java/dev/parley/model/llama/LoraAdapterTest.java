package dev.parley.model.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ReplyStream;
import dev.parley.model.gguf.InvalidModelFileException;
import dev.parley.testkit.gguf.TinyAdaptedModel;
import dev.parley.testkit.gguf.TinyLlamaModel;
import dev.parley.testkit.gguf.TinyLoraAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraAdapterTest {

    @TempDir
    static Path dir;

    static Path base;
    static Path adapter;
    static LlamaChatModel plain;
    static LlamaChatModel adapted;

    @BeforeAll
    static void loadModels() throws IOException {
        TinyAdaptedModel files = TinyAdaptedModel.writeTo(dir, "base.gguf", "pirate.gguf");
        base = files.base();
        adapter = files.adapter();
        plain = LlamaChatModel.load(settings());
        adapted = LlamaChatModel.load(settings().withAdapters(List.of(new LoraAdapter(adapter, 1f))));
    }

    @AfterAll
    static void closeModels() {
        plain.close();
        adapted.close();
    }

    @Test
    void adapterAtScaleOne_changesTheGreedyReply() {
        String baseReply = reply(plain, Map.of());
        String adaptedReply = reply(adapted, Map.of());

        assertThat(adaptedReply).isNotBlank().isNotEqualTo(baseReply);
    }

    @Test
    void requestScaleZero_givesTheBaseModelsReply_andTheScaleLastsOneRequest() {
        String adaptedReply = reply(adapted, Map.of());

        assertThat(reply(adapted, Map.of("pirate", 0f))).isEqualTo(reply(plain, Map.of()));
        assertThat(reply(adapted, Map.of("pirate", 0.5f))).isNotEqualTo(adaptedReply);
        assertThat(reply(adapted, Map.of())).isEqualTo(adaptedReply);
    }

    @Test
    void loadedScale_isTheDefaultForRequestsThatNameNone() {
        try (LlamaChatModel off = LlamaChatModel.load(settings().withAdapters(List.of(new LoraAdapter(adapter, 0f))))) {
            assertThat(reply(off, Map.of())).isEqualTo(reply(plain, Map.of()));
            assertThat(reply(off, Map.of("pirate", 1f))).isEqualTo(reply(adapted, Map.of()));
        }
    }

    @Test
    void requestNamingAnAdapterThatIsNotLoaded_isServedWithTheLoadedScales() {
        // a persona made for an adapter that a model swap has since replaced keeps working
        assertThat(reply(adapted, Map.of("ninja", 0f))).isEqualTo(reply(adapted, Map.of()));
        assertThat(reply(plain, Map.of("pirate", 0.5f))).isEqualTo(reply(plain, Map.of()));
        assertThat(reply(adapted, Map.of("ninja", 1f, "pirate", 0f))).isEqualTo(reply(plain, Map.of()));
        assertThat(adapted.busySlots()).isZero();
    }

    @Test
    void missingOrInvalidAdapterFile_isAOneLineInvalidModelFileException() throws IOException {
        Path missing = dir.resolve("missing.gguf");
        Path notGguf = Files.writeString(dir.resolve("notes.gguf"), "not a model");
        Path wrongShape = dir.resolve("wide.gguf");
        TinyLoraAdapter.of(TinyLlamaModel.builder().embedding(128).build()).writeTo(wrongShape);

        for (Path bad : List.of(missing, notGguf, wrongShape, base)) {
            assertThatThrownBy(() -> LlamaChatModel.load(settings().withAdapters(List.of(new LoraAdapter(bad, 1f)))))
                    .isInstanceOf(InvalidModelFileException.class)
                    .hasMessageStartingWith("invalid model file " + bad + ": ")
                    .message().doesNotContain("\n");
        }
    }

    @Test
    void settings_refuseTwoAdaptersOfOneNameAndWildScales() {
        LoraAdapter one = new LoraAdapter(adapter, 1f);

        assertThatThrownBy(() -> settings().withAdapters(List.of(one, one))).hasMessageContaining("two LoRA adapters are named 'pirate'");
        assertThatThrownBy(() -> new LoraAdapter(adapter, 11f)).hasMessageContaining("within [-10, 10]");
        assertThat(one.name()).isEqualTo("pirate");
    }

    @Test
    void twoAdapters_eachScaledByName() throws IOException {
        Path second = dir.resolve("parrot.gguf");
        Files.copy(adapter, second);
        LlamaSettings both = settings().withAdapters(List.of(new LoraAdapter(adapter, 0f), new LoraAdapter(second, 0f)));
        try (LlamaChatModel model = LlamaChatModel.load(both)) {
            assertThat(reply(model, Map.of())).isEqualTo(reply(plain, Map.of()));
            // an adapter at scale 0 does not count: one of the two on is the one-adapter model
            assertThat(reply(model, Map.of("pirate", 1f))).isEqualTo(reply(adapted, Map.of()));
            assertThat(reply(model, Map.of("pirate", 1f, "parrot", 1f))).isNotEqualTo(reply(adapted, Map.of()));
        }
    }

    private static LlamaSettings settings() {
        return new LlamaSettings(base, 2, 256, 1, 0);
    }

    private static ChatRequest request(Map<String, Float> scales) {
        return new ChatRequest(List.of(ChatTurn.system("You are Parley."), ChatTurn.user("hello world")),
                new GenerationSettings(12, 0f, 1), scales);
    }

    private static String reply(LlamaChatModel model, Map<String, Float> scales) {
        try (ReplyStream stream = model.stream(request(scales))) {
            return stream.rest();
        }
    }
}
