package dev.parley.core.moderation;

import java.util.Collection;
import java.util.List;

/**
 * Words and phrases an admin listed, normalised like the text so that they match whole words
 * through accents, case, spacing and the other evasions {@link TextNormaliser} undoes.
 *
 * @param normalised each term as {@code " word word "}; blank terms are left out
 */
public record TermList(List<String> normalised) {

    /** No terms. */
    public static final TermList EMPTY = new TermList(List.of());

    public TermList {
        normalised = List.copyOf(normalised);
    }

    /** The terms, normalised with {@code normaliser}. */
    public static TermList of(Collection<String> terms, TextNormaliser normaliser) {
        return new TermList(terms.stream()
                .map(normaliser::normalise)
                .filter(term -> !term.isBlank())
                .distinct()
                .toList());
    }

    /** Whether normalised text contains one of the terms as whole words. */
    public boolean foundIn(String normalisedText) {
        String text = withoutQuotes(normalisedText);
        for (String term : normalised) {
            if (text.contains(term)) {
                return true;
            }
        }
        return false;
    }

    /** Normalised text with every occurrence of the terms replaced by a space. */
    public String removeFrom(String normalisedText) {
        String text = withoutQuotes(normalisedText);
        for (String term : normalised) {
            while (text.contains(term)) {
                text = text.replace(term, " ");
            }
        }
        return text;
    }

    /** Quotation marks do not break a term: {@code pipe "bomb"} holds "pipe bomb". */
    private static String withoutQuotes(String normalisedText) {
        return normalisedText.indexOf('"') < 0 ? normalisedText : normalisedText.replace(" " + TextNormaliser.QUOTE, "");
    }

    public boolean isEmpty() {
        return normalised.isEmpty();
    }
}
