package dev.parley.bench.moderation;

import java.util.Locale;

/** Counts of a binary classifier's outcomes, and the figures made from them. */
final class Confusion {

    private long truePositives;
    private long falsePositives;
    private long trueNegatives;
    private long falseNegatives;

    void add(boolean actual, boolean predicted) {
        if (actual && predicted) {
            truePositives++;
        } else if (actual) {
            falseNegatives++;
        } else if (predicted) {
            falsePositives++;
        } else {
            trueNegatives++;
        }
    }

    double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    double falsePositiveRate() {
        return ratio(falsePositives, falsePositives + trueNegatives);
    }

    long total() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    String summary() {
        return String.format(Locale.ROOT, "n=%d positives=%d  precision=%.3f recall=%.3f F1=%.3f FPR=%.3f  (tp=%d fp=%d tn=%d fn=%d)",
                total(), truePositives + falseNegatives, precision(), recall(), f1(), falsePositiveRate(),
                truePositives, falsePositives, trueNegatives, falseNegatives);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
