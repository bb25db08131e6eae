package dev.parley.core.moderation.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CategoryHeadsTest {

    private static final HashedNgrams NGRAMS = new HashedNgrams(10, 2, 3);

    private static float[] ngramWeights(String text, float weight) {
        float[] weights = new float[NGRAMS.buckets()];
        int[] buckets = new int[NGRAMS.maxFeatures(text.length())];
        int count = NGRAMS.features(text, buckets);
        for (int i = 0; i < count; i++) {
            weights[buckets[i]] = weight;
        }
        return weights;
    }

    private static CategoryHeads twoHeads() {
        return new CategoryHeads("toy-encoder", 3, 2, NGRAMS, List.of(
                new CategoryHeads.Head("violence", new float[] {4, 0, 0, 1, 0}, new float[NGRAMS.buckets()], -2, 1, 0),
                new CategoryHeads.Head("self-harm", new float[] {0, 4, 0, 0, 0}, ngramWeights("me matar", 2), -2, 2, -1)));
    }

    private static double rawLogit(CategoryHeads.Head head, float[] vector, double[] extras, String text) {
        return rawLogit(head, vector, extras, text, 1);
    }

    private static double rawLogit(CategoryHeads.Head head, float[] vector, double[] extras, String text, int floor) {
        int[] buckets = new int[NGRAMS.maxFeatures(text.length())];
        return head.rawLogit(vector, extras, buckets, NGRAMS.features(text, buckets), floor);
    }

    private static byte[] bytesOf(CategoryHeads heads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        heads.write(out);
        return out.toByteArray();
    }

    @Test
    void rawLogit_weighsTheVectorThenTheExtras_andCalibratedAppliesPlattScaling() {
        CategoryHeads.Head violence = twoHeads().heads().getFirst();
        assertThat(rawLogit(violence, new float[] {1, 0, 0}, new double[] {0.5, 0}, "bom dia")).isCloseTo(2.5, within(1e-9));
        CategoryHeads.Head selfHarm = twoHeads().heads().getLast();
        // 2 * raw - 1: a raw log-odds of 0.5 is a calibrated coin flip
        assertThat(selfHarm.calibrated(0.5)).isCloseTo(0.5, within(1e-9));
        assertThat(selfHarm.calibrated(3)).isGreaterThan(0.99);
    }

    @Test
    void rawLogit_addsTheNgramWeights_scaledByTheRootOfTheirCount() {
        CategoryHeads.Head selfHarm = twoHeads().heads().getLast();
        double unrelated = rawLogit(selfHarm, new float[3], new double[2], "bom dia");
        double known = rawLogit(selfHarm, new float[3], new double[2], "me matar");
        assertThat(unrelated).isCloseTo(-2, within(1e-9));
        assertThat(known).isGreaterThan(2); // every feature weighs 2: 2 * n / sqrt(n) - 2
    }

    @Test
    void rawLogit_scalesAShortTextsNgramsAsIfItHadTheFloorsCount() {
        CategoryHeads.Head selfHarm = twoHeads().heads().getLast();
        int[] buckets = new int[NGRAMS.maxFeatures("me matar".length())];
        int count = NGRAMS.features("me matar", buckets);
        double sum = 2.0 * count; // every feature of the text weighs 2
        assertThat(rawLogit(selfHarm, new float[3], new double[2], "me matar", 1))
                .isCloseTo(-2 + sum / Math.sqrt(count), within(1e-6));
        // a floor above the text's count: the same sum over a larger root, so a few words weigh less
        assertThat(rawLogit(selfHarm, new float[3], new double[2], "me matar", 100))
                .isCloseTo(-2 + sum / 10, within(1e-6));
        // a floor below the count changes nothing
        assertThat(rawLogit(selfHarm, new float[3], new double[2], "me matar", 2))
                .isCloseTo(-2 + sum / Math.sqrt(count), within(1e-6));
    }

    @Test
    void writeThenRead_keepsTheNgramFloor_andReadsAFileOfTheFormerFormatWithAFloorOfOne() throws IOException {
        CategoryHeads floored = new CategoryHeads("toy-encoder", 3, 2, NGRAMS, 256, twoHeads().heads());
        assertThat(CategoryHeads.read(new ByteArrayInputStream(bytesOf(floored))).ngramFloor()).isEqualTo(256);
        assertThat(twoHeads().ngramFloor()).isEqualTo(1);
        // "PLH2" had no floor field: the same header without it, read as a floor of 1
        ByteArrayOutputStream former = new ByteArrayOutputStream();
        try (java.io.DataOutputStream data = new java.io.DataOutputStream(new java.util.zip.GZIPOutputStream(former))) {
            data.writeInt(0x504c4832);
            data.writeUTF("toy-encoder");
            data.writeInt(3);
            data.writeInt(2);
            data.writeInt(NGRAMS.bits());
            data.writeInt(NGRAMS.minChars());
            data.writeInt(NGRAMS.maxChars());
            data.writeInt(0);
        }
        CategoryHeads read = CategoryHeads.read(new ByteArrayInputStream(former.toByteArray()));
        assertThat(read.ngramFloor()).isEqualTo(1);
        assertThat(read.encoder()).isEqualTo("toy-encoder");
        assertThatThrownBy(() -> new CategoryHeads("toy", 3, 2, NGRAMS, 0, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("floor");
    }

    @Test
    void writeThenRead_givesTheSameHeadsBitForBit() throws IOException {
        byte[] bytes = bytesOf(twoHeads());
        CategoryHeads read = CategoryHeads.read(new ByteArrayInputStream(bytes));
        assertThat(read.encoder()).isEqualTo("toy-encoder");
        assertThat(read.heads()).hasSize(2);
        assertThat(Arrays.equals(read.heads().getFirst().weights(), twoHeads().heads().getFirst().weights())).isTrue();
        assertThat(Arrays.equals(read.heads().getLast().ngramWeights(), twoHeads().heads().getLast().ngramWeights())).isTrue();
        assertThat(read.heads().getLast().shift()).isEqualTo(-1f);
        assertThat(bytesOf(read)).isEqualTo(bytes);
    }

    @Test
    void aHeadMayCalibratePortugueseApart_andKeepsThatPairThroughWriteAndRead() throws IOException {
        CategoryHeads.Head harassment = new CategoryHeads.Head("harassment", new float[5], new float[NGRAMS.buckets()],
                0, 1, 0, 2, 1);
        assertThat(harassment.calibratesPortugueseApart()).isTrue();
        assertThat(harassment.calibrated(0)).isCloseTo(0.5, within(1e-9));
        assertThat(harassment.calibrated(0, false)).isCloseTo(0.5, within(1e-9));
        assertThat(harassment.calibrated(0, true)).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-9));
        assertThat(harassment.calibrated(-0.5, true)).isCloseTo(0.5, within(1e-9));

        CategoryHeads heads = new CategoryHeads("toy-encoder", 3, 2, NGRAMS, 4, List.of(twoHeads().heads().getFirst(), harassment));
        byte[] bytes = bytesOf(heads);
        CategoryHeads read = CategoryHeads.read(new ByteArrayInputStream(bytes));
        assertThat(read.heads().getLast().portugueseScale()).isEqualTo(2f);
        assertThat(read.heads().getLast().portugueseShift()).isEqualTo(1f);
        // a head given one pair reads Portuguese on it too, in the new format as in the old
        assertThat(read.heads().getFirst().calibratesPortugueseApart()).isFalse();
        assertThat(bytesOf(read)).isEqualTo(bytes);
        assertThatThrownBy(() -> CategoryHeads.read(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 30))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void headsWithOnePairForEveryLanguage_areWrittenInTheFormerFormat_soTheirBytesDoNotChange() throws IOException {
        byte[] bytes = bytesOf(twoHeads());
        int magic = new java.io.DataInputStream(new java.util.zip.GZIPInputStream(new ByteArrayInputStream(bytes))).readInt();
        assertThat(magic).isEqualTo(0x504c4833); // "PLH3"
        CategoryHeads.Head read = CategoryHeads.read(new ByteArrayInputStream(bytes)).heads().getLast();
        assertThat(read.portugueseScale()).isEqualTo(read.scale());
        assertThat(read.portugueseShift()).isEqualTo(read.shift());
    }

    @Test
    void read_refusesAnotherFormat_aTruncatedFile_andAnImpossibleHeader() throws IOException {
        assertThatThrownBy(() -> CategoryHeads.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5})))
                .isInstanceOf(IOException.class).hasMessageContaining("magic");
        byte[] bytes = bytesOf(twoHeads());
        assertThatThrownBy(() -> CategoryHeads.read(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length / 2))))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
        CategoryHeads huge = new CategoryHeads("toy", 1 << 17, 0, NGRAMS, List.of());
        assertThatThrownBy(() -> CategoryHeads.read(new ByteArrayInputStream(bytesOf(huge))))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt");
    }

    @Test
    void requireEncoder_refusesAnEncoderTheHeadsWereNotTrainedOn() {
        TextEncoder other = new TextEncoder() {
            @Override
            public String name() {
                return "other-encoder";
            }

            @Override
            public int dimension() {
                return 3;
            }

            @Override
            public float[] encode(String text) {
                return new float[3];
            }
        };
        assertThatThrownBy(() -> twoHeads().requireEncoder(other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("toy-encoder").hasMessageContaining("other-encoder");
    }

    @Test
    void constructor_refusesAHeadOfTheWrongWidth() {
        assertThatThrownBy(() -> new CategoryHeads("toy", 3, 2, NGRAMS,
                List.of(new CategoryHeads.Head("violence", new float[4], new float[NGRAMS.buckets()], 0, 1, 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("violence");
    }
}
