package dev.parley.core.moderation;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A score in [0, 1] for every {@link Category}: how likely a provider finds a text to belong to it.
 * Immutable; a category nobody scored is 0.
 */
public final class CategoryScores {

    private static final Category[] CATEGORIES = Category.values();
    private static final CategoryScores NONE = new CategoryScores(new double[CATEGORIES.length]);

    private final double[] values;

    private CategoryScores(double[] values) {
        this.values = values;
    }

    /** Scores of 0 in every category. */
    public static CategoryScores none() {
        return NONE;
    }

    /** The given scores; missing categories are 0. */
    public static CategoryScores of(Map<Category, Double> scores) {
        double[] values = new double[CATEGORIES.length];
        scores.forEach((category, score) -> values[category.ordinal()] = checked(score));
        return new CategoryScores(values);
    }

    /** The score of {@code category}. */
    public double score(Category category) {
        return values[category.ordinal()];
    }

    /** These scores with {@code category} scored {@code score}. */
    public CategoryScores with(Category category, double score) {
        double[] next = values.clone();
        next[category.ordinal()] = checked(score);
        return new CategoryScores(next);
    }

    /** The higher of the two scores in every category: how tiers combine. */
    public CategoryScores max(CategoryScores other) {
        double[] next = values.clone();
        for (int i = 0; i < next.length; i++) {
            next[i] = Math.max(next[i], other.values[i]);
        }
        return new CategoryScores(next);
    }

    /** Every category with its score, in taxonomy order. */
    public Map<Category, Double> asMap() {
        Map<Category, Double> map = new EnumMap<>(Category.class);
        for (Category category : CATEGORIES) {
            map.put(category, values[category.ordinal()]);
        }
        return Collections.unmodifiableMap(map);
    }

    private static double checked(double score) {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("a score must be in [0, 1], was " + score);
        }
        return score;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CategoryScores that && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        for (Category category : CATEGORIES) {
            double score = values[category.ordinal()];
            if (score > 0) {
                out.append(out.length() > 1 ? ", " : "").append(category.apiName()).append('=')
                        .append(String.format(java.util.Locale.ROOT, "%.2f", score));
            }
        }
        return out.append('}').toString();
    }
}
