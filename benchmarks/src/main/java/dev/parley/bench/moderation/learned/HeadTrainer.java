package dev.parley.bench.moderation.learned;

import dev.parley.core.moderation.learned.CategoryHeads;
import java.util.List;
import java.util.Random;

/**
 * Trains one logistic head by weighted stochastic gradient descent, in a fixed order drawn from a
 * fixed seed: the same samples give the same weights, bit for bit. A head reads a sample's vector,
 * then its lexical score in the head's category, then its highest lexical score, and its hashed
 * n-grams (each weighing 1 / sqrt(max(count, {@link #NGRAM_FLOOR})), as {@code CategoryHeads} reads them).
 *
 * <p>The head it returns is the average of the weights over the second half of the passes (taken
 * {@link #SNAPSHOTS_PER_EPOCH} times a pass), not the weights after the last step. At these step
 * sizes the last step's weights depend on the last few thousand samples: adding 100 written rows
 * (session 17) reshuffled every pass and moved HateCheck's hate false-positive rate from 0.14 to
 * 0.27. The average is what the passes agree on.
 *
 * @param epochs passes over the samples
 * @param rate the first step size; it falls as 1 / (1 + epoch / 2)
 * @param l2 weight decay per step
 * @param seed the shuffling seed
 * @param averaged whether the head is the average over the second half of the passes (true) or the
 *     weights after the last step (how heads were trained up to session 16)
 */
record HeadTrainer(int epochs, double rate, double l2, long seed, boolean averaged) {

    /** How often a pass of the second half adds the weights to the average. */
    static final int SNAPSHOTS_PER_EPOCH = 64;

    /**
     * A text's n-gram sum is scaled as if it had at least this many n-grams (a 50-character
     * message has about 200). Without it, the dozen words of a short message weigh as much as a
     * whole post's, and words the self-harm and sexual posts use often ("me", "everything")
     * flagged "tell me everything" and "tell me something nice"; leave one data set out, 256
     * scores as 1 did (session 8, docs/moderation.md).
     */
    static final int NGRAM_FLOOR = 256;

    static HeadTrainer standard() {
        return new HeadTrainer(8, 0.4, 1e-6, 20261205L, !Boolean.getBoolean("parley.train.last-step"));
    }

    /** The features a head reads for {@code sample}, into {@code extras}. */
    static void extras(Sample sample, int category, double[] extras) {
        extras[0] = sample.lexical()[category];
        extras[1] = sample.lexicalMax();
    }

    /** A head for {@code category} over {@code samples}; Platt scaling left as identity. */
    CategoryHeads.Head train(String label, int category, List<Sample> samples, int buckets) {
        int dimension = samples.getFirst().vector().length;
        double[] w = new double[dimension + 2];
        double[] ngram = new double[buckets];
        double bias = 0;
        double positive = 0;
        double negative = 0;
        for (Sample sample : samples) {
            if (sample.labels()[category]) {
                positive += sample.weight();
            } else {
                negative += sample.weight();
            }
        }
        // rare categories: positives count up to 8 times more, so the gradient sees them at all;
        // Platt scaling afterwards puts the probabilities back on the data's own scale
        double positiveBoost = positive == 0 ? 1 : Math.min(8, Math.max(1, Math.sqrt(negative / positive)));
        int[] order = new int[samples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed + category);
        double[] extras = new double[2];
        Average average = new Average(dimension + 2, buckets);
        int interval = Math.max(1, samples.size() / SNAPSHOTS_PER_EPOCH);
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, random);
            boolean averaging = averaged && epoch >= epochs / 2;
            int seen = 0;
            double step = rate / (1 + epoch / 2.0);
            // the n-grams' weight decay, applied once per epoch rather than per step to all 2^17 weights
            double ngramDecay = Math.pow(1 - l2 * step, samples.size());
            for (int i = 0; i < ngram.length; i++) {
                ngram[i] *= ngramDecay;
            }
            for (int index : order) {
                Sample sample = samples.get(index);
                float[] x = sample.vector();
                extras(sample, category, extras);
                double z = bias;
                for (int i = 0; i < dimension; i++) {
                    z += w[i] * x[i];
                }
                z += w[dimension] * extras[0] + w[dimension + 1] * extras[1];
                int[] features = sample.buckets();
                double scale = features.length == 0 ? 0 : 1 / Math.sqrt(Math.max(features.length, NGRAM_FLOOR));
                double sparse = 0;
                for (int b : features) {
                    sparse += ngram[b];
                }
                z += sparse * scale;
                double p = 1 / (1 + Math.exp(-z));
                boolean positiveSample = sample.labels()[category];
                double g = (p - (positiveSample ? 1 : 0)) * sample.weight() * (positiveSample ? positiveBoost : 1) * step;
                double decay = 1 - l2 * step;
                for (int i = 0; i < dimension; i++) {
                    w[i] = w[i] * decay - g * x[i];
                }
                w[dimension] = w[dimension] * decay - g * extras[0];
                w[dimension + 1] = w[dimension + 1] * decay - g * extras[1];
                for (int b : features) {
                    ngram[b] -= g * scale;
                }
                bias -= g;
                if (averaging && ++seen % interval == 0) {
                    average.add(w, ngram, bias);
                }
            }
        }
        if (averaged) {
            bias = average.into(w, ngram, bias);
        }
        float[] weights = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            weights[i] = (float) w[i];
        }
        float[] ngramWeights = new float[buckets];
        for (int i = 0; i < buckets; i++) {
            ngramWeights[i] = (float) ngram[i];
        }
        return new CategoryHeads.Head(label, weights, ngramWeights, (float) bias, 1, 0);
    }

    /** The head's raw log-odds for {@code sample}. */
    static double rawLogit(CategoryHeads.Head head, int category, Sample sample) {
        double[] extras = new double[2];
        extras(sample, category, extras);
        return head.rawLogit(sample.vector(), extras, sample.buckets(), sample.buckets().length, NGRAM_FLOOR);
    }

    /**
     * The head's highest raw log-odds over {@code sample} and each of its clauses read alone (with the
     * whole text's lexical scores), as {@code LearnedModerationProvider} scores a text: Platt scaling
     * is monotone, so the highest logit gives the highest probability.
     */
    static double rawLogitOverClauses(CategoryHeads.Head head, int category, Sample sample) {
        double best = rawLogit(head, category, sample);
        double[] extras = new double[2];
        extras(sample, category, extras);
        for (int i = 0; i < sample.clauseVectors().length; i++) {
            int[] buckets = sample.clauseBuckets()[i];
            best = Math.max(best, head.rawLogit(sample.clauseVectors()[i], extras, buckets, buckets.length, NGRAM_FLOOR));
        }
        return best;
    }

    /**
     * Platt scaling: the {@code (scale, shift)} for which {@code sigmoid(scale * logit + shift)} best
     * fits the labels (weighted log loss, Newton's method, a little prior so that a category with
     * no positive at all stays finite).
     */
    static double[] platt(double[] rawLogits, boolean[] labels, double[] weights) {
        double[] logits = new double[rawLogits.length];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = Math.max(-40, Math.min(40, rawLogits[i])); // a saturated logit says no more than 40
        }
        double a = 1;
        double b = 0;
        for (int iteration = 0; iteration < 50; iteration++) {
            double ga = 1e-3 * (a - 1);
            double gb = 1e-3 * b;
            double haa = 1e-3;
            double hbb = 1e-3;
            double hab = 0;
            for (int i = 0; i < logits.length; i++) {
                double p = 1 / (1 + Math.exp(-(a * logits[i] + b)));
                double r = (p - (labels[i] ? 1 : 0)) * weights[i];
                double s = Math.max(p * (1 - p), 1e-12) * weights[i];
                ga += r * logits[i];
                gb += r;
                haa += s * logits[i] * logits[i];
                hab += s * logits[i];
                hbb += s;
            }
            double det = haa * hbb - hab * hab;
            if (det <= 0) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            double largest = Math.max(Math.abs(da), Math.abs(db));
            if (largest > 2) { // damp the step: Newton's method overshoots on nearly separable data
                da *= 2 / largest;
                db *= 2 / largest;
            }
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-9) {
                break;
            }
        }
        return new double[] {a, b};
    }

    /** A running sum of a head's weights, taken at snapshots. */
    private static final class Average {
        private final double[] dense;
        private final double[] ngram;
        private double bias;
        private int count;

        Average(int dense, int buckets) {
            this.dense = new double[dense];
            this.ngram = new double[buckets];
        }

        void add(double[] w, double[] n, double b) {
            for (int i = 0; i < w.length; i++) {
                dense[i] += w[i];
            }
            for (int i = 0; i < n.length; i++) {
                ngram[i] += n[i];
            }
            bias += b;
            count++;
        }

        /** Writes the mean into {@code w} and {@code n} and returns the mean bias; no snapshot keeps them. */
        double into(double[] w, double[] n, double b) {
            if (count == 0) {
                return b;
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = dense[i] / count;
            }
            for (int i = 0; i < n.length; i++) {
                n[i] = ngram[i] / count;
            }
            return bias / count;
        }
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
