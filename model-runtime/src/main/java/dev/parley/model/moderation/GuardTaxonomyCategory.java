package dev.parley.model.moderation;

import dev.parley.core.moderation.Category;
import java.util.Set;

/**
 * A category of a guard model's taxonomy ({@link GuardCategory}, {@link Qwen3GuardCategory}): the
 * name its prompt lists and the OpenAI categories Parley scores when the guard names it.
 */
interface GuardTaxonomyCategory {

    /** The title and scored categories of one taxonomy category. */
    record Definition(String title, Set<Category> categories) {

        Definition(String title, Category... categories) {
            this(title, Set.of(categories));
        }
    }

    /** This category's title and scored categories. */
    Definition definition();

    /** The name as the guard's prompt lists it. */
    default String title() {
        return definition().title();
    }

    /** The OpenAI categories this category scores; empty for one without a counterpart. */
    default Set<Category> categories() {
        return definition().categories();
    }
}
