package dev.parley.bench.moderation.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankingTest {

    @Test
    void of_countsPrecisionRecallAndFalsePositivesAtTheThreshold() {
        double[] scores = {0.9, 0.8, 0.6, 0.4, 0.2, 0.1};
        boolean[] labels = {true, false, true, true, false, false};
        Ranking ranking = Ranking.of(scores, labels, 0.5);
        assertThat(ranking.precision()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(ranking.recall()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(ranking.fpr()).isCloseTo(1 / 3.0, within(1e-9));
    }

    @Test
    void averagePrecision_isOneForAPerfectRanking_andTheMeanOfPrecisionsAtEachPositive() {
        assertThat(Ranking.averagePrecision(new double[] {0.9, 0.8, 0.1}, new boolean[] {true, true, false})).isEqualTo(1.0);
        // positives ranked 1st and 3rd: (1/1 + 2/3) / 2
        assertThat(Ranking.averagePrecision(new double[] {0.9, 0.8, 0.7}, new boolean[] {true, false, true}))
                .isCloseTo((1 + 2 / 3.0) / 2, within(1e-9));
    }

    @Test
    void calibrationError_isZeroWhenEveryBinsMeanScoreIsItsPositiveRate() {
        double[] scores = {0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75};
        boolean[] labels = {true, false, false, false, true, true, true, false};
        assertThat(Ranking.calibrationError(scores, labels)).isCloseTo(0, within(1e-9));
        assertThat(Ranking.calibrationError(new double[] {0.95, 0.95}, new boolean[] {false, false})).isCloseTo(0.95, within(1e-9));
    }
}
