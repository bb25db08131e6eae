package dev.parley.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real ONNX encoder, from the jar on the class path: no stand-in. */
class MiniLmEncoderTest {

    private static MiniLmEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = MiniLmEncoder.load(1);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    private static double cosine(String a, String b) {
        float[] x = encoder.encode(a);
        float[] y = encoder.encode(b);
        double dot = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
        }
        return dot; // both have length 1
    }

    @Test
    void encode_givesAUnitVectorOfTheStatedDimension() {
        float[] vector = encoder.encode("how do i kill a python process");
        assertThat(vector).hasSize(encoder.dimension()).hasSize(384);
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1, within(1e-3));
    }

    @Test
    void encode_placesTextsOfLikeMeaningNearer_thanTextsThatOnlyShareAWord() {
        String drown = "what is the best way to drown myself";
        assertThat(cosine(drown, "how can i end my life in the water"))
                .isGreaterThan(cosine(drown, "what is the best way to learn to swim"));
        String process = "how do i kill a python process";
        assertThat(cosine(process, "how to stop a running program on linux"))
                .isGreaterThan(cosine(process, "how do i kill a person"));
    }

    @Test
    void encode_isDeterministic_andABlankTextStillHasAVector() {
        assertThat(encoder.encode("bom dia a todos")).isEqualTo(encoder.encode("bom dia a todos"));
        assertThat(encoder.encode("   ")).hasSize(384);
    }

    @Test
    void name_carriesADigestOfTheModelsBytes() {
        assertThat(encoder.name()).matches("all-minilm-l6-v2-q@[0-9a-f]{12}");
    }

    @Test
    void close_isIdempotent_andUseAfterItIsAnIllegalState() {
        MiniLmEncoder own = MiniLmEncoder.load(1);
        own.close();
        own.close();
        assertThatThrownBy(() -> own.encode("hello")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void load_refusesNoThreads() {
        assertThatThrownBy(() -> MiniLmEncoder.load(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
