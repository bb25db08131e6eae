package dev.parley.bench.moderation.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.learned.CategoryHeads;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeadTrainerTest {

    private static final int VIOLENCE = Category.VIOLENCE.ordinal();

    /** Vectors whose first coordinate says "violent", with noise; every tenth one labelled violent. */
    private static List<Sample> samples(long seed) {
        return samples(seed, 0.3);
    }

    /** As above, with {@code noise} as the spread of every coordinate. */
    private static List<Sample> samples(long seed, double noise) {
        Random random = new Random(seed);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            boolean violent = i % 10 == 0;
            float[] vector = new float[8];
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) (random.nextGaussian() * noise);
            }
            vector[0] += violent ? 1 : -1;
            samples.add(new Sample("toy", "en", true, "text " + i, vector, new int[0],
                    Sample.withParents(violent ? Set.of(Category.VIOLENCE) : Set.of()), new double[Category.values().length], 1));
        }
        return samples;
    }

    @Test
    void train_sameSamplesAndSeed_giveTheSameWeightsBitForBit() {
        CategoryHeads.Head first = HeadTrainer.standard().train("violence", VIOLENCE, samples(1), 1024);
        CategoryHeads.Head second = HeadTrainer.standard().train("violence", VIOLENCE, samples(1), 1024);
        assertThat(second.weights()).isEqualTo(first.weights());
        assertThat(second.bias()).isEqualTo(first.bias());
    }

    @Test
    void train_learnsTheDirectionThatSeparatesTheLabels() {
        List<Sample> train = samples(1);
        CategoryHeads.Head head = HeadTrainer.standard().train("violence", VIOLENCE, train, 1024);
        List<Sample> test = samples(2);
        double[] scores = test.stream().mapToDouble(s -> HeadTrainer.rawLogit(head, VIOLENCE, s)).toArray();
        boolean[] labels = new boolean[test.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = test.get(i).labels()[VIOLENCE];
        }
        assertThat(Ranking.averagePrecision(scores, labels)).isGreaterThan(0.95);
    }

    @Test
    void train_averaged_dependsLessOnTheOrderOfTheSamplesThanTheLastStep() {
        // classes that overlap, as real labels do: the last step wanders around the best weights
        List<Sample> train = samples(1, 1.5);
        double averaged = distance(new HeadTrainer(8, 0.4, 1e-6, 11, true).train("violence", VIOLENCE, train, 1024),
                new HeadTrainer(8, 0.4, 1e-6, 12, true).train("violence", VIOLENCE, train, 1024));
        double lastStep = distance(new HeadTrainer(8, 0.4, 1e-6, 11, false).train("violence", VIOLENCE, train, 1024),
                new HeadTrainer(8, 0.4, 1e-6, 12, false).train("violence", VIOLENCE, train, 1024));
        assertThat(averaged).isPositive().isLessThan(lastStep / 3);
    }

    /** How far apart two heads' vector weights and biases are. */
    private static double distance(CategoryHeads.Head a, CategoryHeads.Head b) {
        double sum = Math.pow(a.bias() - b.bias(), 2);
        for (int i = 0; i < a.weights().length; i++) {
            sum += Math.pow(a.weights()[i] - b.weights()[i], 2);
        }
        return Math.sqrt(sum);
    }

    @Test
    void platt_recoversTheScaleAndShiftThatMadeTheLabels() {
        Random random = new Random(3);
        int n = 20_000;
        double[] logits = new double[n];
        boolean[] labels = new boolean[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            logits[i] = random.nextGaussian() * 3;
            double p = 1 / (1 + Math.exp(-(0.5 * logits[i] - 1)));
            labels[i] = random.nextDouble() < p;
            weights[i] = 1;
        }
        double[] fitted = HeadTrainer.platt(logits, labels, weights);
        assertThat(fitted[0]).isCloseTo(0.5, within(0.05));
        assertThat(fitted[1]).isCloseTo(-1, within(0.08));
    }

    @Test
    void withParents_addsTheParentOfASubcategory() {
        boolean[] labels = Sample.withParents(Set.of(Category.SELF_HARM_INTENT));
        assertThat(labels[Category.SELF_HARM.ordinal()]).isTrue();
        assertThat(labels[Category.VIOLENCE.ordinal()]).isFalse();
    }
}
