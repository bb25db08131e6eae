package dev.parley.core.moderation;

import dev.parley.core.moderation.Lexicon.Entry;
import dev.parley.core.moderation.Lexicon.Hit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Whether entries match the words of one text from where their first word was found, the rest
 * written as in the entry or with doubled letters repeated or single ("fuuck"); collects the hits.
 * Made once per text; not thread-safe.
 */
final class EntryMatcher {

    /**
     * Entries that a word may start, longest first, with the key of each one's second word in an
     * array of their own: the hash code of that word with its doubled letters single, or
     * {@link #ANY_SECOND_WORD} if it has none or it is a prefix. A text's word whose squeezed form
     * has another hash code cannot match it, so most phrases are ruled out by reading a few
     * numbers in a row rather than every entry.
     */
    record Candidates(Entry[] entries, long[] secondWordKeys) {
        /** No entries: shared, as most words start entries in one way only. */
        static final Candidates NONE = new Candidates(new Entry[0], new long[0]);

        static Candidates of(Entry[] entries) {
            if (entries.length == 0) {
                return NONE;
            }
            long[] keys = new long[entries.length];
            for (int j = 0; j < entries.length; j++) {
                String[] words = entries[j].words();
                keys[j] = words.length < 2 || words[1].endsWith("*") ? ANY_SECOND_WORD : key(squeeze(words[1]));
            }
            return new Candidates(entries, keys);
        }

        boolean isEmpty() {
            return entries.length == 0;
        }
    }

    /** The key of an entry that must be checked whatever the next word: no hash code is negative as a key. */
    private static final long ANY_SECOND_WORD = -1;

    private final String[] words;
    /** Each word squeezed ("fuuck" -> "fuck"), null where it has no doubled letter. */
    private final @Nullable String[] squeezed;
    /** The key of each word: see {@link Candidates}. */
    private final long[] keys;
    private final List<Hit> hits = new ArrayList<>();
    /** How many times the harmless-phrase filter compared a hit with a phrase (for the linear-time test). */
    private long harmlessChecks;

    EntryMatcher(String[] words) {
        this.words = words;
        squeezed = new String[words.length];
        keys = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            squeezed[i] = hasDoubleLetter(words[i]) ? squeeze(words[i]) : null;
            keys[i] = key(squeezed[i] != null ? squeezed[i] : words[i]);
        }
    }

    String word(int i) {
        return words[i];
    }

    /** The word at {@code i} squeezed, or null if it has no doubled letter. */
    @Nullable String squeezed(int i) {
        return squeezed[i];
    }

    /** Adds a hit found otherwise. */
    void add(Hit hit) {
        hits.add(hit);
    }

    /** Adds a hit of every candidate that matches at {@code start}, in their order. */
    void addHits(int start, Candidates candidates) {
        long next = start + 1 < words.length ? keys[start + 1] : ANY_SECOND_WORD - 1; // no key is that
        long[] secondWordKeys = candidates.secondWordKeys();
        for (int j = 0; j < secondWordKeys.length; j++) {
            if (secondWordKeys[j] == ANY_SECOND_WORD || secondWordKeys[j] == next) {
                addHit(start, candidates.entries()[j]);
            }
        }
    }

    void addHits(int start, Entry[] entries) {
        for (Entry entry : entries) {
            addHit(start, entry);
        }
    }

    /** Adds a hit of {@code entry} at {@code start} if the words after the first match too. */
    void addHit(int start, Entry entry) {
        if (matchesFrom(start, entry)) {
            hits.add(new Hit(start, start + entry.length(), entry));
        }
    }

    private boolean matchesFrom(int start, Entry entry) {
        if (start + entry.length() > words.length) {
            return false;
        }
        for (int k = 1; k < entry.length(); k++) {
            if (!wordMatches(words[start + k], squeezed[start + k], entry.words()[k])) {
                return false;
            }
        }
        return true;
    }

    /** The hits found, by where they start, less those inside a harmless phrase and those phrases. */
    List<Hit> hits() {
        hits.sort(Comparator.comparingInt(Hit::start));
        return withoutHarmless(hits);
    }

    long harmlessChecks() {
        return harmlessChecks;
    }

    /**
     * The hits that are not inside a harmless phrase, harmless phrases left out too. {@code hits} is
     * sorted by start, so one sweep keeps the furthest end of the phrases begun so far: a hit lies
     * inside a phrase exactly when that end reaches its own (linear, where comparing every hit with
     * every phrase grew with the square of a long text full of them).
     */
    private List<Hit> withoutHarmless(List<Hit> hits) {
        List<Hit> harmless = null;
        for (Hit hit : hits) {
            if (hit.is(Role.HARMLESS)) {
                if (harmless == null) {
                    harmless = new ArrayList<>(2);
                }
                harmless.add(hit);
            }
        }
        if (harmless == null) {
            return hits;
        }
        List<Hit> kept = new ArrayList<>(hits.size());
        int next = 0;
        int furthestEnd = -1;
        for (Hit hit : hits) {
            while (next < harmless.size() && harmless.get(next).start() <= hit.start()) {
                harmlessChecks++;
                furthestEnd = Math.max(furthestEnd, harmless.get(next++).end());
            }
            harmlessChecks++;
            if (furthestEnd < hit.end()) {
                kept.add(hit);
            }
        }
        return kept;
    }

    private static boolean wordMatches(String word, @Nullable String squeezedWord, String entryWord) {
        if (entryWord.endsWith("*")) {
            return word.regionMatches(0, entryWord, 0, entryWord.length() - 1);
        }
        return word.equals(entryWord) || (squeezedWord != null && squeezesTo(entryWord, squeezedWord));
    }

    /** Whether {@link #squeeze}{@code (word)} equals {@code squeezed}, without making the squeezed word. */
    private static boolean squeezesTo(String word, String squeezed) {
        int k = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (i > 0 && c == word.charAt(i - 1)) {
                continue;
            }
            if (k == squeezed.length() || squeezed.charAt(k) != c) {
                return false;
            }
            k++;
        }
        return k == squeezed.length();
    }

    private static boolean hasDoubleLetter(String word) {
        for (int i = 1; i < word.length(); i++) {
            if (word.charAt(i) == word.charAt(i - 1)) {
                return true;
            }
        }
        return false;
    }

    /** The word with every run of one letter cut to a single letter. */
    static String squeeze(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            if (i == 0 || word.charAt(i) != word.charAt(i - 1)) {
                out.append(word.charAt(i));
            }
        }
        return out.toString();
    }

    /** The key of a squeezed word in {@link Candidates}: its hash code, as a number no lower than 0. */
    private static long key(String squeezedWord) {
        return Integer.toUnsignedLong(squeezedWord.hashCode());
    }
}
