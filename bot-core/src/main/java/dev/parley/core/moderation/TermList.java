package dev.parley.core.moderation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Words and phrases an admin listed, normalised like the text so that they match whole words
 * through accents, case, spacing and the other evasions {@link TextNormaliser} undoes.
 *
 * <p>A term is kept in two forms. The normaliser joins single letters written apart ("b o m b"
 * reads "bomb"), which lines up a term of long words with its spaced-out evasion but not a term
 * of one-letter words with its own words: "b c" in "x b c y" reads "xbcy". So a term matches the
 * text normalised as usual in its usual form, the text with single letters kept apart
 * ({@link TextNormaliser#normaliseKeepingLetters}) in that form, and, when all its words are
 * single letters, the usual text holding them run together ("bc").
 *
 * @param normalised each term as {@link TextNormaliser#normalise} gives it, {@code " word word "};
 *     blank terms are left out
 * @param keepingLetters each term as {@link TextNormaliser#normaliseKeepingLetters} gives it, in the
 *     same order as {@code normalised}
 */
public record TermList(List<String> normalised, List<String> keepingLetters) {

    /** No terms. */
    public static final TermList EMPTY = new TermList(List.of(), List.of());

    public TermList {
        normalised = List.copyOf(normalised);
        keepingLetters = List.copyOf(keepingLetters);
        if (normalised.size() != keepingLetters.size()) {
            throw new IllegalArgumentException("each term needs both forms: " + normalised + " and " + keepingLetters);
        }
    }

    /** The terms, normalised with {@code normaliser}. */
    public static TermList of(Collection<String> terms, TextNormaliser normaliser) {
        Set<List<String>> forms = new LinkedHashSet<>();
        for (String term : terms) {
            String normalised = normaliser.normalise(term);
            if (!normalised.isBlank()) {
                forms.add(List.of(normalised, normaliser.normaliseKeepingLetters(term)));
            }
        }
        List<String> normalised = new ArrayList<>(forms.size());
        List<String> keepingLetters = new ArrayList<>(forms.size());
        for (List<String> form : forms) {
            normalised.add(form.get(0));
            keepingLetters.add(form.get(1));
        }
        return new TermList(normalised, keepingLetters);
    }

    /** The term at {@code index} alone. */
    TermList term(int index) {
        return new TermList(List.of(normalised.get(index)), List.of(keepingLetters.get(index)));
    }

    /**
     * Whether one of the terms occurs as whole words in a text, given as {@link TextNormaliser#normalise}
     * and as {@link TextNormaliser#normaliseKeepingLetters} give it.
     */
    boolean foundIn(String normalisedText, String textKeepingLetters) {
        String text = withoutQuotes(normalisedText);
        String spaced = withoutQuotes(textKeepingLetters);
        for (int i = 0; i < normalised.size(); i++) {
            String lettersRunTogether = lettersRunTogether(keepingLetters.get(i));
            if (text.contains(normalised.get(i)) || spaced.contains(keepingLetters.get(i))
                    || (lettersRunTogether != null && text.contains(lettersRunTogether))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A term of two or more single letters run together as one word ({@code " b c "} as
     * {@code " bc "}), or null for any other term.
     */
    private static @org.jspecify.annotations.Nullable String lettersRunTogether(String term) {
        StringBuilder word = new StringBuilder(term.length());
        word.append(' ');
        for (int i = 1; i < term.length(); i += 2) {
            if (term.charAt(i) == ' ' || (i + 1 < term.length() && term.charAt(i + 1) != ' ')) {
                return null; // a word longer than one character
            }
            word.append(term.charAt(i));
        }
        return word.length() >= 3 ? word.append(' ').toString() : null;
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
