package dev.parley.bench.moderation.learned;

import dev.parley.core.moderation.Category;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which heads get a Platt pair of their own for text that reads as Portuguese, fitted on the
 * Portuguese rows' leave-one-out predictions alone (session 23): the heads read Portuguese on
 * another scale than English, and one pair fitted on both put a coin flip near 0.35 in Portuguese
 * offence. Chosen with {@code -Dparley.train.portuguese-calibration=all|abuse|none}.
 */
enum PortugueseCalibration {
    /** Every head. */
    ALL(EnumSet.allOf(Category.class)),
    /** Hate, harassment and their threatening forms: what Portuguese posts are labelled with. */
    ABUSE(EnumSet.of(Category.HATE, Category.HATE_THREATENING, Category.HARASSMENT, Category.HARASSMENT_THREATENING)),
    /** None: one pair for every language, as before session 23. */
    NONE(EnumSet.noneOf(Category.class));

    /** The fewest sets holding both classes among their Portuguese rows, for a pair of its own. */
    static final int MIN_SETS = 2;
    /** The fewest Portuguese positives over those sets, for a pair of its own. */
    static final int MIN_POSITIVES = 50;

    private final Set<Category> categories;

    PortugueseCalibration(Set<Category> categories) {
        this.categories = categories;
    }

    boolean appliesTo(Category category) {
        return categories.contains(category);
    }

    static PortugueseCalibration of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parley.train.portuguese-calibration must be all, abuse or none, was " + name, e);
        }
    }
}
