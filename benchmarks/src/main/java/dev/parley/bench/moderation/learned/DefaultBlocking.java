package dev.parley.bench.moderation.learned;

import dev.parley.core.moderation.Category;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the default policy blocks, rather than flags: it blocks a text when a severe category
 * (threats, violent wrongdoing, self-harm intent and instructions, sexual content with minors)
 * reaches its block threshold, and only flags the rest. A harmful request that reaches 0.5 only in
 * a parent category (illicit, self-harm) is flagged and still reaches the model. This measures, for
 * block thresholds of the severe categories from 0.20 to 0.50, how many severe harmful requests are
 * blocked and how many safe look-alike requests (and safe texts of every kind) are blocked too, and
 * chooses the lowest threshold whose look-alikes blocked stay within a budget, on the
 * leave-one-dataset-out scores only (issue #15); the held-out sets then test that choice.
 */
final class DefaultBlocking {

    /** The categories the default policy blocks (bot-core's {@code Category.severe()}, not public). */
    static final Set<String> SEVERE = Set.of("harassment/threatening", "hate/threatening", "illicit/violent",
            "self-harm/intent", "self-harm/instructions", "sexual/minors");

    /** The block thresholds tried: 0.20 to 0.50 in steps of 0.05. */
    private static final double[] GRID = java.util.stream.IntStream.rangeClosed(4, 10).mapToDouble(i -> i * 0.05).toArray();

    private static final Category[] CATEGORIES = Category.values();

    private DefaultBlocking() {
    }

    /** Whether {@code scores} reach {@code threshold} in a severe category. */
    static boolean blocks(double[] scores, double threshold) {
        for (Category category : CATEGORIES) {
            if (SEVERE.contains(category.apiName()) && scores[category.ordinal()] >= threshold) {
                return true;
            }
        }
        return false;
    }

    /** Whether the sample carries a severe label. */
    static boolean severe(Sample sample) {
        for (Category category : CATEGORIES) {
            if (SEVERE.contains(category.apiName()) && sample.labels()[category.ordinal()]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The lowest block threshold on the grid whose safe written requests blocked, in each language,
     * stay within {@code budget} (a share), on the pooled out-of-set scores; 0.5 if none lower does.
     */
    static double chosenOn(List<double[]> scores, List<Sample> samples, double budget) {
        double chosen = 0.5;
        for (int g = GRID.length - 1; g >= 0; g--) {
            double threshold = GRID[g];
            boolean within = true;
            for (String language : List.of("en", "pt")) {
                Share lookAlikes = share(scores, samples, threshold,
                        s -> written(s) && s.language().equals(language) && s.request() && !s.harmful());
                within &= lookAlikes.total() > 0 && lookAlikes.fraction() <= budget;
            }
            if (!within) {
                break;
            }
            chosen = threshold;
        }
        return Math.round(chosen * 100) / 100.0;
    }

    /** Prints, per language and block threshold, severe harmful requests blocked against safe texts blocked. */
    static void print(String title, List<double[]> scores, List<Sample> samples, Predicate<Sample> measured) {
        System.out.println();
        System.out.println(title);
        System.out.printf("%-9s %-28s %-28s %-28s %-28s%n", "block at", "severe requests blocked", "safe requests blocked",
                "safe posts blocked", "harmful, not severe, blocked");
        for (String language : List.of("en", "pt")) {
            Predicate<Sample> in = s -> measured.test(s) && s.language().equals(language);
            if (samples.stream().noneMatch(in)) {
                continue;
            }
            System.out.println(language);
            for (double threshold : GRID) {
                System.out.printf(Locale.ROOT, "  %4.2f    %-28s %-28s %-28s %-28s%n", threshold,
                        share(scores, samples, threshold, in.and(s -> s.request() && severe(s))),
                        share(scores, samples, threshold, in.and(s -> s.request() && !s.harmful())),
                        share(scores, samples, threshold, in.and(s -> !s.request() && !s.harmful())),
                        share(scores, samples, threshold, in.and(s -> s.harmful() && !severe(s))));
            }
        }
    }

    static boolean written(Sample sample) {
        return sample.set().startsWith("written");
    }

    private static Share share(List<double[]> scores, List<Sample> samples, double threshold, Predicate<Sample> which) {
        int total = 0;
        int blocked = 0;
        for (int i = 0; i < samples.size(); i++) {
            if (which.test(samples.get(i))) {
                total++;
                blocked += blocks(scores.get(i), threshold) ? 1 : 0;
            }
        }
        return new Share(blocked, total);
    }

    /** {@code blocked} of {@code total}. */
    record Share(int blocked, int total) {

        double fraction() {
            return total == 0 ? 0 : blocked / (double) total;
        }

        @Override
        public String toString() {
            return total == 0 ? "-" : String.format(Locale.ROOT, "%d of %d (%.1f%%)", blocked, total, 100 * fraction());
        }
    }
}
