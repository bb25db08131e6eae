package dev.parley.bench.moderation.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.core.moderation.Category;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CategoryThresholdsTest {

    private static final int N = Category.values().length;
    private static final int ILLICIT = Category.ILLICIT.ordinal();

    private static double[] illicitScore(double score) {
        double[] scores = new double[N];
        scores[ILLICIT] = score;
        return scores;
    }

    private static Sample sample(boolean request, boolean illicit) {
        boolean[] labels = new boolean[N];
        labels[ILLICIT] = illicit;
        return new Sample("set", "en", request, "text", new float[0], new int[0], labels, new double[N], 1);
    }

    @Test
    void mapped_putsEachCategorysThresholdAtOneHalf_andKeepsTheOrder() {
        double[] thresholds = new double[N];
        Arrays.fill(thresholds, 0.5);
        thresholds[ILLICIT] = 0.6;
        List<double[]> mapped = new CategoryThresholds(thresholds).mapped(
                List.of(illicitScore(0.3), illicitScore(0.6), illicitScore(0.8)));
        assertThat(mapped.get(0)[ILLICIT]).isCloseTo(0.25, within(1e-9));
        assertThat(mapped.get(1)[ILLICIT]).isCloseTo(0.5, within(1e-9));
        assertThat(mapped.get(2)[ILLICIT]).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void chosenOn_raisesAThresholdThatDropsFalseFlags_toTheNearestOneAboveOneHalf() {
        List<double[]> scores = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            scores.add(illicitScore(0.9));
            samples.add(sample(false, true));
            scores.add(illicitScore(0.55));
            samples.add(sample(false, false));
        }
        double[] chosen = CategoryThresholds.chosenOn(scores, samples).thresholds();
        assertThat(chosen[ILLICIT]).isEqualTo(0.6);
        assertThat(chosen[Category.HATE.ordinal()]).isEqualTo(0.5); // no positives: nothing to gain, 0.5 stays
    }

    @Test
    void chosenOn_keepsOneHalf_whenALowerThresholdWouldFlagMoreSafeRequests() {
        List<double[]> scores = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            scores.add(illicitScore(0.45));
            samples.add(sample(true, true));
        }
        scores.add(illicitScore(0.47)); // flagged at 0.45 and below, not at 0.5
        samples.add(sample(true, false));
        assertThat(CategoryThresholds.chosenOn(scores, samples).thresholds()[ILLICIT]).isEqualTo(0.5);
    }
}
