package dev.parley.bench.moderation.learned;

import dev.parley.core.moderation.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-category thresholds for a policy, chosen on leave-one-dataset-out scores only (never on a
 * measured set): for each category, the threshold on a grid that gives that category its best F1
 * over all training rows, each scored by the fold that left its set out, among the thresholds that
 * flag no larger share of the safe requests in that category than 0.5 does. The calibration is left
 * alone, so a score of 0.5 still means a coin flip; a threshold is what a policy asks of a score.
 */
record CategoryThresholds(double[] thresholds) {

    private static final Category[] CATEGORIES = Category.values();
    private static final double DEFAULT = 0.5;

    /** The thresholds tried: 0.20 to 0.80 in steps of 0.05. */
    private static final double[] GRID = java.util.stream.IntStream.rangeClosed(4, 16).mapToDouble(i -> i * 0.05).toArray();

    /** Chooses a threshold per category from {@code scores}, each row's out-of-set combined scores. */
    static CategoryThresholds chosenOn(List<double[]> scores, List<Sample> samples) {
        double[] chosen = new double[CATEGORIES.length];
        for (int c = 0; c < CATEGORIES.length; c++) {
            double[] s = new double[samples.size()];
            boolean[] y = new boolean[samples.size()];
            List<Double> safeRequests = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                s[i] = scores.get(i)[c];
                y[i] = samples.get(i).labels()[c];
                if (samples.get(i).request() && !samples.get(i).harmful()) {
                    safeRequests.add(s[i]);
                }
            }
            double allowed = share(safeRequests, DEFAULT);
            double best = DEFAULT;
            double bestF1 = Ranking.of(s, y, DEFAULT).f1();
            for (double threshold : GRID) {
                double f1 = Ranking.of(s, y, threshold).f1();
                // a tie keeps the threshold nearer 0.5: a change must earn its place
                boolean better = f1 > bestF1 + 1e-9
                        || (Math.abs(f1 - bestF1) <= 1e-9 && Math.abs(threshold - DEFAULT) < Math.abs(best - DEFAULT));
                if (better && share(safeRequests, threshold) <= allowed) {
                    best = threshold;
                    bestF1 = f1;
                }
            }
            chosen[c] = Math.round(best * 100) / 100.0;
        }
        return new CategoryThresholds(chosen);
    }

    private static double share(List<Double> scores, double threshold) {
        if (scores.isEmpty()) {
            return 0;
        }
        return scores.stream().filter(score -> score >= threshold).count() / (double) scores.size();
    }

    /**
     * The scores mapped so that each category's threshold lands on 0.5, monotonically per category:
     * a row is flagged at 0.5 after the mapping exactly when some category reaches its threshold
     * before it (PR-AUC and ECE of mapped scores are not the calibrated ones).
     */
    List<double[]> mapped(List<double[]> scores) {
        List<double[]> out = new ArrayList<>(scores.size());
        for (double[] row : scores) {
            double[] m = new double[row.length];
            for (int c = 0; c < row.length; c++) {
                double t = thresholds[c];
                m[c] = row[c] < t ? row[c] * DEFAULT / t : DEFAULT + (row[c] - t) * (1 - DEFAULT) / (1 - t);
            }
            out.add(m);
        }
        return out;
    }

    void print() {
        StringBuilder line = new StringBuilder("per-category thresholds chosen on the folds:");
        for (Category category : CATEGORIES) {
            line.append(String.format(Locale.ROOT, " %s %.2f", category.apiName(), thresholds[category.ordinal()]));
        }
        System.out.println(line);
    }
}
