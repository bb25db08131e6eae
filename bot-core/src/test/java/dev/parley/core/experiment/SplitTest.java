package dev.parley.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void variantOf_sameKey_sameVariantAcrossInstances() {
        // a new instance stands for another process or a restart: the split keeps no state
        for (int i = 0; i < 1_000; i++) {
            String key = "DISCORD:guild:chan-" + i + "/#";
            assertThat(new Split(0.5, "s1").variantOf(key)).isEqualTo(new Split(0.5, "s1").variantOf(key));
        }
    }

    @Test
    void variantOf_knownKey_isPinned() {
        // pinned values: a change of the hash would move running conversations to the other variant
        // (computed independently: SHA-256(salt, NUL, key), first 53 bits over 2^53)
        assertThat(new Split(0.5, "").point("x")).isEqualTo(0.2363068929852139);
        assertThat(new Split(0.5, "salt").point("x")).isEqualTo(0.7969145230294936);
        assertThat(new Split(0.5, "").variantOf("x")).isEqualTo(Variant.B);
        assertThat(new Split(0.5, "salt").variantOf("x")).isEqualTo(Variant.A);
    }

    @Test
    void variantOf_10000Keys_respectsTheFraction() {
        for (double fraction : new double[] {0.1, 0.5, 0.8}) {
            Split split = new Split(fraction, "exp-1");
            long onB = IntStream.range(0, 10_000).filter(i -> split.variantOf("conversation-" + i) == Variant.B).count();
            // binomial sd at n=10000 is at most 0.005; 0.02 is four of them
            assertThat(onB / 10_000.0).isCloseTo(fraction, within(0.02));
        }
    }

    @Test
    void variantOf_fractionZeroOrOne_isExact() {
        assertThat(IntStream.range(0, 10_000).mapToObj(i -> new Split(0, "").variantOf("k" + i))).containsOnly(Variant.A);
        assertThat(IntStream.range(0, 10_000).mapToObj(i -> new Split(1, "").variantOf("k" + i))).containsOnly(Variant.B);
    }

    @Test
    void split_fractionOutsideZeroToOne_isRefusedInOneLine() {
        assertThatThrownBy(() -> new Split(1.5, "")).hasMessage("parley.model.experiment.fraction must be within [0, 1], was 1.5");
        assertThatThrownBy(() -> new Split(Double.NaN, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
