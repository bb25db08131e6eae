package dev.parley.bench.moderation.learned;

import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.learned.CategoryHeads;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Prints what the trainer measured. Scores are as the bot combines them: per category the higher of
 * the lexical tier's score and the learned tier's calibrated probability; a text counts as flagged
 * when any category reaches 0.5, the default threshold.
 */
final class Report {

    private static final Category[] CATEGORIES = Category.values();
    private static final double THRESHOLD = 0.5;

    private final List<Sample> train;
    private final Map<String, double[][]> outOfSet;
    private final boolean clauses;
    private final PortugueseCalibration portuguese;

    /**
     * @param clauses whether {@code outOfSet} scored each text's clauses alone too (only said in the title)
     * @param portuguese which categories calibrate text that reads as Portuguese apart
     */
    Report(List<Sample> train, Map<String, double[][]> outOfSet, boolean clauses, PortugueseCalibration portuguese) {
        this.train = train;
        this.outOfSet = outOfSet;
        this.clauses = clauses;
        this.portuguese = portuguese;
    }

    /**
     * Platt scaling per category, fitted on the out-of-set predictions of every fold but
     * {@code except} that holds both positives and negatives of the category, each such set
     * weighing the same in all (so the calibrated prior is no one set's base rate): per category
     * {@code scale, shift}, then the Portuguese pair, fitted the same way on the rows that read as
     * Portuguese where {@code portuguese} says so and they are enough, else the same pair again.
     */
    double[][] platt(@Nullable String except) {
        double[][] params = new double[CATEGORIES.length][];
        for (int c = 0; c < CATEGORIES.length; c++) {
            double[] all = fit(c, except, s -> true, 0, 0);
            double[] pt = portuguese.appliesTo(CATEGORIES[c]) ? fit(c, except, Sample::readsAsPortuguese,
                    PortugueseCalibration.MIN_SETS, PortugueseCalibration.MIN_POSITIVES) : null;
            params[c] = pt == null ? new double[] {all[0], all[1], all[0], all[1]} : new double[] {all[0], all[1], pt[0], pt[1]};
        }
        return params;
    }

    /** One Platt pair for category {@code c} over the rows {@code which} picks; null if too few sets or positives. */
    private double @Nullable [] fit(int c, @Nullable String except, Predicate<Sample> which, int minSets, int minPositives) {
        List<Double> logits = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        int sets = 0;
        int allPositives = 0;
        for (Map.Entry<String, double[][]> fold : outOfSet.entrySet()) {
            if (fold.getKey().equals(except)) {
                continue;
            }
            List<Sample> samples = samplesOf(fold.getKey());
            List<Integer> picked = java.util.stream.IntStream.range(0, samples.size())
                    .filter(i -> which.test(samples.get(i))).boxed().toList();
            int positives = 0;
            for (int i : picked) {
                positives += samples.get(i).labels()[c] ? 1 : 0;
            }
            if (positives == 0 || positives == picked.size()) {
                continue; // a set of one class says nothing of the other, and would drag the prior its way
            }
            sets++;
            allPositives += positives;
            for (int i : picked) {
                logits.add(fold.getValue()[i][c]);
                labels.add(samples.get(i).labels()[c]);
                weights.add(1.0 / picked.size()); // each set counts the same: no set's base rate rules
            }
        }
        if (sets < minSets || allPositives < minPositives) {
            return null;
        }
        double[] l = logits.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] y = new boolean[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
        }
        return HeadTrainer.platt(l, y, weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private List<Sample> samplesOf(String set) {
        return train.stream().filter(s -> s.set().equals(set)).toList();
    }

    /** Every training row, set by set in fold order: the order of {@link #pooledScores()}. */
    List<Sample> pooledSamples() {
        return outOfSet.keySet().stream().flatMap(set -> samplesOf(set).stream()).toList();
    }

    /** Every training row's combined scores from the fold that left its set out, calibrated without that set. */
    List<double[]> pooledScores() {
        List<double[]> scores = new ArrayList<>();
        for (Map.Entry<String, double[][]> fold : outOfSet.entrySet()) {
            double[][] platt = platt(fold.getKey());
            List<Sample> samples = samplesOf(fold.getKey());
            for (int i = 0; i < samples.size(); i++) {
                scores.add(combined(fold.getValue()[i], platt, samples.get(i)));
            }
        }
        return scores;
    }

    /**
     * The pooled rows with a category flagged at its own threshold; the thresholds were chosen on these
     * same scores, so these figures flatter them: the held-out sets are the test.
     */
    void pooledAt(CategoryThresholds thresholds) {
        List<double[]> scores = thresholds.mapped(pooledScores());
        List<Sample> samples = pooledSamples();
        System.out.println();
        System.out.println("LEAVE ONE DATA SET OUT, pooled, each category flagged at its own threshold (chosen on these scores)");
        System.out.printf("%-26s %s%n", "", Ranking.header());
        row("English posts", scores, samples, s -> s.language().equals("en") && !s.request());
        row("English requests", scores, samples, s -> s.language().equals("en") && s.request());
        row("Portuguese", scores, samples, s -> s.language().equals("pt"));
        row("Portuguese requests", scores, samples, s -> s.language().equals("pt") && s.request());
        row("English open-set posts", scores, samples,
                s -> s.language().equals("en") && !s.request() && !s.set().startsWith("written"));
        perCategory(scores, samples);
    }

    void leaveOneDatasetOut() {
        System.out.println();
        System.out.println("LEAVE ONE DATA SET OUT: each set scored by heads trained without it (calibration also fitted without it)"
                + (clauses ? "; clauses of short texts also read alone" : "; whole texts only"));
        System.out.println("any category, score >= 0.5                 learned + lexical                          | lexical tier alone");
        System.out.printf("%-26s %s | %s%n", "set", Ranking.header(), "    P     R    F1    FPR  PR-AUC");
        List<double[]> pooledScores = new ArrayList<>();
        List<Sample> pooledSamples = new ArrayList<>();
        for (Map.Entry<String, double[][]> fold : outOfSet.entrySet()) {
            double[][] platt = platt(fold.getKey());
            List<Sample> samples = samplesOf(fold.getKey());
            double[] any = new double[samples.size()];
            double[] lexical = new double[samples.size()];
            boolean[] harmful = new boolean[samples.size()];
            for (int i = 0; i < samples.size(); i++) {
                double[] scores = combined(fold.getValue()[i], platt, samples.get(i));
                pooledScores.add(scores);
                pooledSamples.add(samples.get(i));
                any[i] = max(scores);
                lexical[i] = samples.get(i).lexicalMax();
                harmful[i] = samples.get(i).harmful();
            }
            Ranking both = Ranking.of(any, harmful, THRESHOLD);
            Ranking alone = Ranking.of(lexical, harmful, THRESHOLD);
            System.out.printf("%-26s %s | %5.3f %5.3f %5.3f %6.3f  %s%n", fold.getKey(), both.row(), alone.precision(),
                    alone.recall(), alone.f1(), alone.fpr(), auc(alone));
        }
        System.out.println();
        System.out.println("per category, all sets pooled (each row scored by the fold that left its set out)");
        perCategory(pooledScores, pooledSamples);
        System.out.println();
        System.out.println("English posts pooled (davidson, toxic-spans, toxigen, rtp, written posts), any category:");
        pooledAny(pooledScores, pooledSamples, s -> s.language().equals("en") && !s.request());
        System.out.println("English requests pooled (advbench, harmbench, strongreject, do-not-answer, sst, oasst, self-instruct, written), any category:");
        pooledAny(pooledScores, pooledSamples, s -> s.language().equals("en") && s.request());
        System.out.println("Portuguese pooled (tupy, reddit-br, told-br-train, written), any category:");
        pooledAny(pooledScores, pooledSamples, s -> s.language().equals("pt"));
        System.out.println("Portuguese requests pooled (written), any category:");
        pooledAny(pooledScores, pooledSamples, s -> s.language().equals("pt") && s.request());
        System.out.println("English posts of the open sets only (davidson, toxic-spans, toxigen, rtp), any category:");
        pooledAny(pooledScores, pooledSamples, s -> s.language().equals("en") && !s.request() && !s.set().startsWith("written"));
    }

    private static void pooledAny(List<double[]> scores, List<Sample> samples, Predicate<Sample> which) {
        System.out.printf("%-26s %s%n", "", Ranking.header());
        row("", scores, samples, which);
        // where a lower threshold would serve: the F1 an admin would get at each
        Selection selected = Selection.of(scores, samples, which);
        StringBuilder line = new StringBuilder("%-26s".formatted("  at threshold"));
        for (double threshold : new double[] {0.3, 0.35, 0.4, 0.45, 0.5}) {
            Ranking at = Ranking.of(selected.highest(), selected.harmful(), threshold);
            line.append(String.format(Locale.ROOT, "  %.2f: F1 %.3f FPR %.3f", threshold, at.f1(), at.fpr()));
        }
        System.out.println(line);
    }

    private static void perCategory(List<double[]> scores, List<Sample> samples) {
        System.out.printf("%-26s %s%n", "category", Ranking.header());
        for (Category category : CATEGORIES) {
            double[] s = new double[samples.size()];
            boolean[] y = new boolean[samples.size()];
            int positives = 0;
            for (int i = 0; i < samples.size(); i++) {
                s[i] = scores.get(i)[category.ordinal()];
                y[i] = samples.get(i).labels()[category.ordinal()];
                positives += y[i] ? 1 : 0;
            }
            if (positives > 0) {
                System.out.printf("%-26s %s%n", category.apiName(), Ranking.of(s, y, THRESHOLD).row());
            }
        }
    }

    /** Calibrated learned probabilities, each raised to the lexical tier's score where that is higher. */
    private static double[] combined(double[] raw, double[][] platt, Sample sample) {
        double[] scores = new double[CATEGORIES.length];
        for (int c = 0; c < CATEGORIES.length; c++) {
            int pair = sample.readsAsPortuguese() ? 2 : 0;
            double learned = 1 / (1 + Math.exp(-(platt[c][pair] * raw[c] + platt[c][pair + 1])));
            scores[c] = Math.max(learned, sample.lexical()[c]);
        }
        return scores;
    }

    static void heldOut(String title, CategoryHeads heads, List<Sample> samples, boolean clauses) {
        heldOut(title, heads, samples, java.util.Set.of(), clauses);
    }

    /**
     * The held-out figures; for written examples, {@code jailbreaks} (normalised texts) splits the
     * requests into plain and jailbreak-wrapped ones.
     */
    static void heldOut(String title, CategoryHeads heads, List<Sample> samples, java.util.Set<String> jailbreaks,
            boolean clauses) {
        heldOut(title, heads, samples, jailbreaks, clauses, null);
    }

    /** As above, each category flagged at its own threshold when {@code thresholds} is given. */
    static void heldOut(String title, CategoryHeads heads, List<Sample> samples, java.util.Set<String> jailbreaks,
            boolean clauses, @Nullable CategoryThresholds thresholds) {
        System.out.println();
        System.out.println(title + (clauses ? "; clauses of short texts also read alone" : "; whole texts only"));
        List<double[]> learnedOnly = learnedScores(heads, samples, clauses);
        List<double[]> scores = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            double[] both = learnedOnly.get(i).clone();
            for (int c = 0; c < CATEGORIES.length; c++) {
                both[c] = Math.max(both[c], samples.get(i).lexical()[c]);
            }
            scores.add(both);
        }
        if (thresholds != null) {
            scores = thresholds.mapped(scores);
            learnedOnly = thresholds.mapped(learnedOnly);
        }
        System.out.printf("%-26s %s%n", "", Ranking.header());
        for (String language : List.of("en", "pt")) {
            if (samples.stream().noneMatch(s -> s.language().equals(language))) {
                continue;
            }
            row("any, " + language, scores, samples, s -> s.language().equals(language));
            row("  learned alone", learnedOnly, samples, s -> s.language().equals(language));
            row("  lexical alone", samples.stream().map(Sample::lexical).toList(), samples, s -> s.language().equals(language));
            row("  requests, " + language, scores, samples, s -> s.language().equals(language) && s.request());
            row("  posts, " + language, scores, samples, s -> s.language().equals(language) && !s.request());
            if (!jailbreaks.isEmpty()) {
                row("  plain requests, " + language, scores, samples,
                        s -> s.language().equals(language) && s.request() && !jailbreaks.contains(s.normalised()));
                row("  jailbreak requests, " + language, scores, samples,
                        s -> s.language().equals(language) && s.request() && jailbreaks.contains(s.normalised()));
            }
        }
        perCategory(scores, samples);
    }

    /** Each sample's combined scores under {@code heads}: the learned tier's, or the lexical tier's where higher. */
    static List<double[]> scores(CategoryHeads heads, List<Sample> samples, boolean clauses) {
        List<double[]> scores = learnedScores(heads, samples, clauses);
        for (int i = 0; i < samples.size(); i++) {
            for (int c = 0; c < CATEGORIES.length; c++) {
                scores.get(i)[c] = Math.max(scores.get(i)[c], samples.get(i).lexical()[c]);
            }
        }
        return scores;
    }

    private static List<double[]> learnedScores(CategoryHeads heads, List<Sample> samples, boolean clauses) {
        List<double[]> scores = new ArrayList<>(samples.size());
        for (Sample sample : samples) {
            double[] learned = new double[CATEGORIES.length];
            for (int c = 0; c < CATEGORIES.length; c++) {
                CategoryHeads.Head head = heads.heads().get(c);
                learned[c] = head.calibrated(clauses ? HeadTrainer.rawLogitOverClauses(head, c, sample)
                        : HeadTrainer.rawLogit(head, c, sample), sample.readsAsPortuguese());
            }
            scores.add(learned);
        }
        return scores;
    }

    private static void row(String name, List<double[]> scores, List<Sample> samples, Predicate<Sample> which) {
        Selection selected = Selection.of(scores, samples, which);
        if (selected.highest().length > 0) {
            System.out.printf("%-26s %s%n", name, Ranking.of(selected.highest(), selected.harmful(), THRESHOLD).row());
        }
    }

    /** The samples {@code which} picks: each one's highest category score, and whether it is harmful. */
    private record Selection(double[] highest, boolean[] harmful) {

        static Selection of(List<double[]> scores, List<Sample> samples, Predicate<Sample> which) {
            int[] picked = java.util.stream.IntStream.range(0, samples.size()).filter(i -> which.test(samples.get(i))).toArray();
            double[] highest = new double[picked.length];
            boolean[] harmful = new boolean[picked.length];
            for (int i = 0; i < picked.length; i++) {
                highest[i] = max(scores.get(picked[i]));
                harmful[i] = samples.get(picked[i]).harmful();
            }
            return new Selection(highest, harmful);
        }
    }

    private static double max(double[] values) {
        double max = 0;
        for (double value : values) {
            max = Math.max(max, value);
        }
        return max;
    }

    private static String auc(Ranking ranking) {
        return Double.isNaN(ranking.prAuc()) ? "  n/a" : String.format(Locale.ROOT, "%5.3f", ranking.prAuc());
    }
}
