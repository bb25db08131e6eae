package dev.parley.core.moderation;

import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Where a word written without the space between two ("womenare", "odeiomulheres") splits: into a
 * lexicon word of a group, derogation, hatred, slur or violent act and another such word or a
 * short glue word. Immutable.
 */
final class GluedWords {

    /** Short words a glued pair ("womenare") may contain besides a lexicon word. */
    private static final Set<String> GLUE_WORDS = Set.of(
            "are", "is", "r", "all", "so", "i", "we", "they", "you", "u", "sao", "e", "os", "as", "eu", "todos", "todas",
            "to", "just", "much", "absolute", "absolutely", "death", "such");

    /** The entries a word starts as written, longest first. */
    private final Function<String, Lexicon.Entry[]> entriesStartedBy;
    /** Hash codes of the words a glued pair may be made of: a cheap filter before any substring. */
    private final HashCodeFilter glueFilter;
    /** The longest word a glued pair may be made of: a longer word than two of them is never split. */
    private final int longestGlued;

    /**
     * @param firstWords every word some entry starts with, as written
     * @param entriesStartedBy the entries a word starts as written
     */
    GluedWords(Set<String> firstWords, Function<String, Lexicon.Entry[]> entriesStartedBy) {
        this.entriesStartedBy = entriesStartedBy;
        this.glueFilter = new HashCodeFilter(Stream.concat(GLUE_WORDS.stream(),
                firstWords.stream().filter(this::gluable)).mapToInt(String::hashCode).toArray());
        this.longestGlued = Stream.concat(GLUE_WORDS.stream(), firstWords.stream().filter(this::gluable))
                .mapToInt(String::length).max().orElse(0);
    }

    /** The two words a glued word is made of, or null if it is not two such words. */
    String @Nullable [] split(String word) {
        int length = word.length();
        if (length > 2 * longestGlued) {
            return null; // no two known words make it: and trying every split of a long word costs its length squared
        }
        int headHash = 0;
        for (int k = 1; k < length; k++) {
            headHash = 31 * headHash + word.charAt(k - 1);
            if (!glueFilter.mightContain(headHash) || !glueFilter.mightContain(hashCode(word, k))) {
                continue; // String.hashCode of either part is no known word's: no substring needed
            }
            String head = word.substring(0, k);
            String tail = word.substring(k);
            boolean headKnown = gluable(head);
            boolean tailKnown = gluable(tail);
            if ((headKnown && (tailKnown || GLUE_WORDS.contains(tail)))
                    || (tailKnown && GLUE_WORDS.contains(head))) {
                return new String[] {head, tail};
            }
        }
        return null;
    }

    /** {@code word.substring(from).hashCode()}, without the substring. */
    private static int hashCode(String word, int from) {
        int hash = 0;
        for (int i = from; i < word.length(); i++) {
            hash = 31 * hash + word.charAt(i);
        }
        return hash;
    }

    private boolean gluable(String part) {
        for (Lexicon.Entry entry : entriesStartedBy.apply(part)) {
            boolean wholeOrLong = entry.length() == 1 || part.length() >= 5; // "womendisgust" -> "women disgust (me)"
            if (wholeOrLong && (entry.category() == Category.HATE || entry.role() == Role.IDENTITY
                    || entry.role() == Role.DEROGATION || entry.role() == Role.HATRED || entry.role() == Role.VIOLENT_ACT)) {
                return true;
            }
        }
        return false;
    }
}
