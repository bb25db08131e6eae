package dev.parley.bench.moderation.learned;

import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.learned.LanguageCues;

/**
 * One labelled text as the trainer sees it: normalised, with its encoder vector, what the lexical
 * tier scored in each category, and its labels with their implied parents (a threat to a person is
 * harassment too).
 *
 * @param set the data set it came from: the unit left out in leave-one-dataset-out
 * @param buckets the text's hashed n-gram features (the heads' {@code HashedNgrams}), exactly as many as there are
 * @param labels indexed by {@link Category#ordinal()}
 * @param lexical the local tier's score per category, indexed the same way
 * @param weight how much it counts in training: large sets count less per row
 * @param clauseVectors the encoder vectors of the text's clauses ({@code TextClauses}), read alone; none for one clause
 * @param clauseBuckets each clause's hashed n-gram features, in the same order
 */
record Sample(String set, String language, boolean request, String normalised, float[] vector, int[] buckets,
        boolean[] labels, double[] lexical, double weight, float[][] clauseVectors, int[][] clauseBuckets) {

    /** A sample of one clause. */
    Sample(String set, String language, boolean request, String normalised, float[] vector, int[] buckets,
            boolean[] labels, double[] lexical, double weight) {
        this(set, language, request, normalised, vector, buckets, labels, lexical, weight, new float[0][], new int[0][]);
    }

    private static final LanguageCues LANGUAGE = new LanguageCues(); // stateless

    /** Whether the bot reads this text as Portuguese, and so calibrates it on the Portuguese scale. */
    boolean readsAsPortuguese() {
        return LANGUAGE.readsAsPortuguese(normalised);
    }

    boolean harmful() {
        for (boolean label : labels) {
            if (label) {
                return true;
            }
        }
        return false;
    }

    double lexicalMax() {
        double max = 0;
        for (double score : lexical) {
            max = Math.max(max, score);
        }
        return max;
    }

    /** The labels with each subcategory's parent added: harassment/threatening implies harassment. */
    static boolean[] withParents(java.util.Set<Category> categories) {
        boolean[] labels = new boolean[Category.values().length];
        for (Category category : categories) {
            labels[category.ordinal()] = true;
            String api = category.apiName();
            int slash = api.indexOf('/');
            if (slash > 0) {
                Category.fromApiName(api.substring(0, slash)).ifPresent(parent -> labels[parent.ordinal()] = true);
            }
        }
        return labels;
    }
}
