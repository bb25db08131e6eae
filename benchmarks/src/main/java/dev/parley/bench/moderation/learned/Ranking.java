package dev.parley.bench.moderation.learned;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * Figures of scores against labels: precision, recall, F1 and false-positive rate at a threshold,
 * the area under the precision-recall curve (average precision), and the expected calibration
 * error over ten bins.
 */
record Ranking(int n, int positives, double precision, double recall, double f1, double fpr, double prAuc, double ece) {

    static Ranking of(double[] scores, boolean[] labels, double threshold) {
        int tp = 0;
        int fp = 0;
        int positives = 0;
        for (int i = 0; i < scores.length; i++) {
            positives += labels[i] ? 1 : 0;
            if (scores[i] >= threshold) {
                if (labels[i]) {
                    tp++;
                } else {
                    fp++;
                }
            }
        }
        int negatives = scores.length - positives;
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = positives == 0 ? 0 : (double) tp / positives;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double fpr = negatives == 0 ? 0 : (double) fp / negatives;
        return new Ranking(scores.length, positives, precision, recall, f1, fpr, averagePrecision(scores, labels),
                calibrationError(scores, labels));
    }

    /** Average precision: the mean of the precision at each positive, ranked by score (ties by index). */
    static double averagePrecision(double[] scores, boolean[] labels) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
        int seen = 0;
        int hits = 0;
        double sum = 0;
        for (int index : order) {
            seen++;
            if (labels[index]) {
                hits++;
                sum += (double) hits / seen;
            }
        }
        return hits == 0 ? Double.NaN : sum / hits;
    }

    /** Expected calibration error: the weighted gap between mean score and positive rate in ten bins. */
    static double calibrationError(double[] scores, boolean[] labels) {
        double[] sum = new double[10];
        int[] count = new int[10];
        int[] hits = new int[10];
        for (int i = 0; i < scores.length; i++) {
            int bin = Math.min(9, (int) (scores[i] * 10));
            sum[bin] += scores[i];
            count[bin]++;
            hits[bin] += labels[i] ? 1 : 0;
        }
        double error = 0;
        for (int bin = 0; bin < 10; bin++) {
            if (count[bin] > 0) {
                error += Math.abs(sum[bin] / count[bin] - (double) hits[bin] / count[bin]) * count[bin];
            }
        }
        return scores.length == 0 ? 0 : error / scores.length;
    }

    String row() {
        return String.format(Locale.ROOT, "%6d %6d  %5.3f %5.3f %5.3f %6.3f  %s  %5.3f", n, positives, precision, recall,
                f1, fpr, Double.isNaN(prAuc) ? "  n/a" : String.format(Locale.ROOT, "%5.3f", prAuc), ece);
    }

    static String header() {
        return "     n    pos      P     R    F1    FPR  PR-AUC  ECE";
    }
}
