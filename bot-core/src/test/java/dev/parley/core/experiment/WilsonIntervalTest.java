package dev.parley.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilsonIntervalTest {

    @Test
    void of_knownValues_matchTheWilsonFormula() {
        // reference values from R: binom::binom.wilson(x, n)
        assertThat(WilsonInterval.of(6, 8)).satisfies(i -> {
            assertThat(i.low()).isCloseTo(0.409275, within(1e-6));
            assertThat(i.high()).isCloseTo(0.928521, within(1e-6));
        });
        assertThat(WilsonInterval.of(50, 100)).satisfies(i -> {
            assertThat(i.low()).isCloseTo(0.403832, within(1e-6));
            assertThat(i.high()).isCloseTo(0.596168, within(1e-6));
        });
        assertThat(WilsonInterval.of(0, 10)).satisfies(i -> {
            assertThat(i.low()).isZero();
            assertThat(i.high()).isCloseTo(0.277533, within(1e-6));
        });
    }

    @Test
    void of_noTrials_isTheWholeRange() {
        assertThat(WilsonInterval.of(0, 0)).isEqualTo(new WilsonInterval(0, 1));
    }

    @Test
    void of_moreSuccessesThanTrials_isRefused() {
        assertThatThrownBy(() -> WilsonInterval.of(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
