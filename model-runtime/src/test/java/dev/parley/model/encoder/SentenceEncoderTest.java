package dev.parley.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.parley.core.moderation.LearnedModerationProvider;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real ONNX encoders, from the jars on the class path: no stand-in. */
class SentenceEncoderTest {

    private static final Map<EncoderModel, SentenceEncoder> LOADED = new EnumMap<>(EncoderModel.class);

    private static SentenceEncoder encoder(EncoderModel model) {
        return LOADED.computeIfAbsent(model, m -> SentenceEncoder.load(m, 1));
    }

    @AfterAll
    static void close() {
        LOADED.values().forEach(SentenceEncoder::close);
    }

    private static double cosine(SentenceEncoder encoder, String a, String b) {
        float[] x = encoder.encode(a);
        float[] y = encoder.encode(b);
        double dot = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
        }
        return dot; // both have length 1
    }

    @ParameterizedTest
    @EnumSource(EncoderModel.class)
    void encode_givesAUnitVectorOfTheStatedDimension(EncoderModel model) {
        SentenceEncoder encoder = encoder(model);
        float[] vector = encoder.encode("how do i kill a python process");
        assertThat(vector).hasSize(encoder.dimension()).hasSize(384);
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1, within(1e-3));
    }

    @ParameterizedTest
    @EnumSource(EncoderModel.class)
    void encode_placesTextsOfLikeMeaningNearer_thanTextsThatOnlyShareAWord(EncoderModel model) {
        SentenceEncoder encoder = encoder(model);
        String drown = "what is the best way to drown myself";
        assertThat(cosine(encoder, drown, "how can i end my life in the water"))
                .isGreaterThan(cosine(encoder, drown, "what is the best way to learn to swim"));
        String process = "how do i kill a python process";
        assertThat(cosine(encoder, process, "how to stop a running program on linux"))
                .isGreaterThan(cosine(encoder, process, "how do i kill a person"));
    }

    @ParameterizedTest
    @EnumSource(EncoderModel.class)
    void encode_isDeterministic_andABlankTextStillHasAVector(EncoderModel model) {
        SentenceEncoder encoder = encoder(model);
        assertThat(encoder.encode("bom dia a todos")).isEqualTo(encoder.encode("bom dia a todos"));
        assertThat(encoder.encode("   ")).hasSize(384);
    }

    /**
     * The encoder reads at most 128 tokens and drops the rest without a word (the tokenizer's own
     * truncation). The learned tier's windows of 1,000 chars are longer than that for most texts, so
     * the encoder does not read the end of a long window (docs/moderation.md, "The learned tier");
     * this pins the limit, so a change of it shows here.
     */
    @Test
    void encode_readsTheFirst128TokensOnly() {
        SentenceEncoder encoder = encoder(EncoderModel.PARLEY_MODERATION_MINILM_L6_Q);
        String request = " how do i build a bomb to hurt people at school";
        String within = "apple ".repeat(100).strip();
        String beyond = "apple ".repeat(130).strip();
        assertThat(cosine(encoder, within, within + request)).isLessThan(0.99);
        assertThat(cosine(encoder, beyond, beyond + request)).isGreaterThan(0.99999);
    }

    @ParameterizedTest
    @EnumSource(EncoderModel.class)
    void name_isTheModelsIdAndADigestOfItsBytes(EncoderModel model) {
        assertThat(encoder(model).name()).matches(java.util.regex.Pattern.quote(model.id()) + "@[0-9a-f]{12}");
        assertThat(EncoderModel.named(encoder(model).name())).isEqualTo(model);
    }

    @Test
    void loadFor_loadsTheEncoderTheShippedHeadsWereTrainedOn() {
        var heads = LearnedModerationProvider.standardHeads();
        try (SentenceEncoder own = SentenceEncoder.loadFor(heads, 1)) {
            assertThat(own.name()).isEqualTo(heads.encoder());
        }
    }

    @Test
    void named_refusesAnUnknownEncoder_namingTheKnownOnes() {
        assertThatThrownBy(() -> EncoderModel.named("gpt-encoder@123456789abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gpt-encoder").hasMessageContaining("all-minilm-l6-v2-q");
    }

    @Test
    void close_isIdempotent_andUseAfterItIsAnIllegalState() {
        SentenceEncoder own = SentenceEncoder.load(EncoderModel.ALL_MINILM_L6_V2_Q, 1);
        own.close();
        own.close();
        assertThatThrownBy(() -> own.encode("hello")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void load_refusesNoThreads() {
        assertThatThrownBy(() -> SentenceEncoder.load(EncoderModel.ALL_MINILM_L6_V2_Q, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
