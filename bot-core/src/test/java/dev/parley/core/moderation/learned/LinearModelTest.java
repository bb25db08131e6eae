package dev.parley.core.moderation.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LinearModelTest {

    // From three characters up, so "lixo" and "bom dia" share no feature.
    private final HashedNgrams features = new HashedNgrams(16, 3, 4);

    /** A model that has learned one word: every feature of "lixo" weighs +3, bias -2. */
    private LinearModel oneWordModel() {
        float[] weights = new float[features.buckets()];
        int[] buckets = new int[features.maxFeatures(4)];
        int count = features.features("lixo", buckets);
        for (int i = 0; i < count; i++) {
            weights[buckets[i]] = 3;
        }
        return new LinearModel(features, weights, -2);
    }

    private static byte[] bytesOf(LinearModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        return out.toByteArray();
    }

    @Test
    void aTextMadeOfWhatTheModelLearnedScoresHigh_andAnUnrelatedOneScoresTheBias() {
        LinearModel model = oneWordModel();
        assertThat(model.probability("lixo")).isGreaterThan(0.99);
        assertThat(model.probability("bom dia")).isCloseTo(1 / (1 + Math.exp(2)), within(0.05));
        assertThat(model.probability("voce e um lixo")).isBetween(model.probability("bom dia"), model.probability("lixo"));
    }

    @Test
    void aWrittenModelReadsBackWithTheSameScores_andWritingIsDeterministic() throws IOException {
        LinearModel model = oneWordModel();
        byte[] bytes = bytesOf(model);
        LinearModel read = LinearModel.read(new ByteArrayInputStream(bytes));
        for (String text : new String[] {"lixo", "bom dia", "voce e um lixo", ""}) {
            assertThat(read.logit(text)).isCloseTo(model.logit(text), within(1e-3));
        }
        assertThat(bytesOf(read)).isEqualTo(bytes);
    }

    @Test
    void somethingElseThanAModelIsRefusedWithAClearMessage() {
        byte[] notGzip = "hello".getBytes();
        assertThatThrownBy(() -> LinearModel.read(new ByteArrayInputStream(notGzip))).isInstanceOf(IOException.class);
    }

    @Test
    void aModelWithAnotherMagicNumberIsRefused() throws IOException {
        byte[] plain = gunzip(bytesOf(oneWordModel()));
        plain[0] ^= 0x7f;
        assertThatThrownBy(() -> LinearModel.read(new ByteArrayInputStream(gzip(plain))))
                .isInstanceOf(IOException.class).hasMessageContaining("not a Parley linear model");
    }

    @Test
    void aTruncatedModelIsRefused() throws IOException {
        byte[] plain = gunzip(bytesOf(oneWordModel()));
        byte[] cut = Arrays.copyOf(plain, plain.length / 2);
        assertThatThrownBy(() -> LinearModel.read(new ByteArrayInputStream(gzip(cut))))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
    }

    @Test
    void aHeaderWithImpossibleSizesIsRefused() throws IOException {
        byte[] plain = gunzip(bytesOf(oneWordModel()));
        plain[7] = 40; // bits, the second int
        assertThatThrownBy(() -> LinearModel.read(new ByteArrayInputStream(gzip(plain))))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt");
    }

    @Test
    void weightsOfTheWrongLengthAreRefused() {
        assertThatThrownBy(() -> new LinearModel(features, new float[10], 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
