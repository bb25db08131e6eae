package dev.parley.core.moderation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The slurs and insults of a lexicon by their first word written with one letter, or two
 * neighbours, masked by {@link TextNormaliser#MASK} ("f*ggot", "f**k"): how abuse is written half
 * hidden. Other kinds of entries are never matched through a mask. Immutable.
 */
final class MaskedSpellings {

    private static final Lexicon.Entry[] NONE = new Lexicon.Entry[0];

    private final Map<String, Lexicon.Entry[]> byMaskedWord;

    private MaskedSpellings(Map<String, Lexicon.Entry[]> byMaskedWord) {
        this.byMaskedWord = byMaskedWord;
    }

    static MaskedSpellings of(List<Lexicon.Entry> entries) {
        Map<String, List<Lexicon.Entry>> masked = new HashMap<>();
        for (Lexicon.Entry entry : entries) {
            boolean abuse = entry.category() == Category.HATE || entry.category() == Category.HARASSMENT;
            if (abuse && !entry.words()[0].endsWith("*")) {
                for (String variant : new LinkedHashSet<>(masked(entry.words()[0]))) {
                    masked.computeIfAbsent(variant, k -> new ArrayList<>()).add(entry);
                }
            }
        }
        Map<String, Lexicon.Entry[]> frozen = new HashMap<>();
        masked.forEach((word, list) -> frozen.put(word, list.toArray(Lexicon.Entry[]::new)));
        return new MaskedSpellings(Map.copyOf(frozen));
    }

    /** The entries whose first word {@code word}, with its masked letters, may be. */
    Lexicon.Entry[] entries(String word) {
        return byMaskedWord.getOrDefault(word, NONE);
    }

    /**
     * The word with one letter after the first masked, and with two neighbouring letters after the
     * first masked if the word has four letters or more.
     */
    private static List<String> masked(String word) {
        List<String> variants = new ArrayList<>(2 * word.length());
        for (int i = 1; i < word.length() && word.length() >= 3; i++) {
            variants.add(word.substring(0, i) + TextNormaliser.MASK + word.substring(i + 1));
        }
        for (int i = 1; i + 1 < word.length() && word.length() >= 4; i++) {
            variants.add(word.substring(0, i) + TextNormaliser.MASK + TextNormaliser.MASK + word.substring(i + 2));
        }
        return variants;
    }
}
