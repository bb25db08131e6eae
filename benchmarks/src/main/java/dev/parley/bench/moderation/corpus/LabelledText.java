package dev.parley.bench.moderation.corpus;

import dev.parley.core.moderation.Category;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * One text of a moderation data set with its categories.
 *
 * <p>Labels are closed upwards: a subcategory brings its parent ({@code harassment/threatening}
 * brings {@code harassment}, {@code sexual/minors} brings {@code sexual}), as OpenAI's own scores
 * do, so that a classifier trained on one set and measured on another sees one convention.
 *
 * @param set the data set's folder name, e.g. {@code "tupy"}
 * @param language {@code "en"} or {@code "pt"}
 * @param kind a prompt to an assistant or a chat/social post
 * @param text the text, at most {@link TextLimit#MAX_CHARS} characters
 * @param labels the categories the text belongs to; empty means safe
 * @param weak whether the label is uncertain by the set's {@code SOURCE.txt} (machine labels,
 *     per-user labels, "refuse but not moderation" prompts, categories guessed by keywords)
 */
public record LabelledText(String set, String language, Kind kind, String text, Set<Category> labels, boolean weak) {

    /** What a text is: the two differ in form, so a trainer may weigh or split them apart. */
    public enum Kind {
        /** A prompt or instruction addressed to an assistant. */
        REQUEST,
        /** A chat message, tweet, comment or other post between people. */
        POST
    }

    public LabelledText {
        if (!language.equals("en") && !language.equals("pt")) {
            throw new IllegalArgumentException("language must be en or pt, was " + language);
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("blank text in " + set);
        }
        labels = withParents(labels);
    }

    /** Whether any category applies. */
    public boolean positive() {
        return !labels.isEmpty();
    }

    /** The text lower-cased with whitespace collapsed: two texts with the same key are duplicates. */
    public String normalisedText() {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    /** The same text with {@code more} categories added (for a duplicate that carried other labels). */
    LabelledText withLabels(Set<Category> more, boolean alsoWeak) {
        Set<Category> union = EnumSet.noneOf(Category.class);
        union.addAll(labels);
        union.addAll(more);
        return new LabelledText(set, language, kind, text, union, weak && alsoWeak);
    }

    /** {@code labels} with the parent of each subcategory added; unmodifiable. */
    public static Set<Category> withParents(Set<Category> labels) {
        Set<Category> closed = EnumSet.noneOf(Category.class);
        for (Category category : labels) {
            closed.add(category);
            closed.add(parent(category));
        }
        return Collections.unmodifiableSet(closed);
    }

    private static Category parent(Category category) {
        return switch (category) {
            case HARASSMENT_THREATENING -> Category.HARASSMENT;
            case HATE_THREATENING -> Category.HATE;
            case ILLICIT_VIOLENT -> Category.ILLICIT;
            case SELF_HARM_INTENT, SELF_HARM_INSTRUCTIONS -> Category.SELF_HARM;
            case SEXUAL_MINORS -> Category.SEXUAL;
            case VIOLENCE_GRAPHIC -> Category.VIOLENCE;
            default -> category;
        };
    }
}
