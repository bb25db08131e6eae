package dev.parley.core.moderation;

import dev.parley.core.moderation.EntryMatcher.Candidates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Weighted words and phrases that the local tier looks for: each entry either scores a
 * {@link Category} directly or plays a {@link Role} for the intent rules. Entries are normalised
 * like the text, may end a word with {@code *} to match any word it starts, and also match a word
 * written with its doubled letters repeated or single ("fuuck", "kil"). Immutable.
 *
 * <p>The file format, one entry a line: {@code term<TAB>kind[<TAB>weight]}, where kind is a
 * category's API name ({@code hate}) or a role ({@code identity}, {@code violent-act}...), weight
 * in (0, 1] defaults to 1; {@code #} starts a comment.
 *
 * <p>Reading the file is {@link LexiconFile}'s, splitting glued words {@link GluedWords}'s and
 * matching the rest of an entry from its first word {@link EntryMatcher}'s; this class decides
 * which entries each word of a text may start.
 */
public final class Lexicon {

    /** One entry, normalised into words; exactly one of category and role is set. */
    record Entry(String[] words, @Nullable Category category, @Nullable Role role, double weight) {
        int length() {
            return words.length;
        }
    }

    /** An entry found at words {@code [start, end)} of a text. */
    record Hit(int start, int end, Entry entry) {
        boolean is(Role role) {
            return entry.role() == role;
        }
    }

    /**
     * The entries a word of a text may start, by how it is written: as the entry's first word, as
     * one of its misspellings (only if it is no entry's first word), or as the entry's first word
     * with doubled letters single (looked up with the text's word squeezed). Each longest first.
     */
    private record Starts(Candidates asWritten, Entry[] misspelt, Entry[] squeezed) {}

    private static final Entry[] NO_ENTRIES = new Entry[0];
    private static final Starts NO_STARTS = new Starts(Candidates.NONE, NO_ENTRIES, NO_ENTRIES);

    /** Every word some entry may start with, in one map so that a word of a text is looked up once. */
    private final Map<String, Starts> byWord;
    /** The hash codes of the words in {@link #byWord}: most words of a text start no entry. */
    private final HashCodeFilter wordFilter;
    private final Map<String, Entry[]> byFirstWordPrefix;
    /** Slurs and insults by their first word with one letter or two neighbours masked ("f*ggot", "f**k"). */
    private final MaskedSpellings byMaskedFirstWord;
    /** Where a word written without the space between two splits. */
    private final GluedWords glued;
    /** Hash codes of the stems of prefix entries: a cheap filter before any substring. */
    private final HashCodeFilter prefixFilter;
    private final int longestPrefix;
    private final int size;

    private Lexicon(List<Entry> entries) {
        Map<String, List<Entry>> exact = new HashMap<>();
        Map<String, List<Entry>> squeezed = new HashMap<>();
        Map<String, List<Entry>> prefix = new HashMap<>();
        int longest = 0;
        for (Entry entry : entries) {
            String first = entry.words()[0];
            if (first.endsWith("*")) {
                String stem = first.substring(0, first.length() - 1);
                prefix.computeIfAbsent(stem, k -> new ArrayList<>()).add(entry);
                longest = Math.max(longest, stem.length());
            } else {
                exact.computeIfAbsent(first, k -> new ArrayList<>()).add(entry);
                squeezed.computeIfAbsent(EntryMatcher.squeeze(first), k -> new ArrayList<>()).add(entry);
            }
        }
        this.byFirstWordPrefix = frozen(prefix);
        Map<String, List<Entry>> misspelt = new HashMap<>();
        for (Entry entry : entries) {
            if (forgivesTypos(entry)) {
                for (String variant : new LinkedHashSet<>(misspellings(entry.words()[0], dropsLetters(entry)))) {
                    if (!exact.containsKey(variant)) {
                        misspelt.computeIfAbsent(variant, k -> new ArrayList<>()).add(entry);
                    }
                }
            }
        }
        this.byWord = byWord(frozen(exact), frozen(misspelt), frozen(squeezed));
        this.byMaskedFirstWord = MaskedSpellings.of(entries);
        this.wordFilter = new HashCodeFilter(byWord.keySet().stream().mapToInt(String::hashCode).toArray());
        this.glued = new GluedWords(exact.keySet(), word -> starts(word).asWritten().entries());
        this.prefixFilter = new HashCodeFilter(prefix.keySet().stream().mapToInt(String::hashCode).toArray());
        this.longestPrefix = longest;
        this.size = entries.size();
    }

    private static Map<String, Starts> byWord(Map<String, Entry[]> exact, Map<String, Entry[]> misspelt,
            Map<String, Entry[]> squeezed) {
        java.util.Set<String> words = new java.util.HashSet<>(exact.keySet());
        words.addAll(misspelt.keySet());
        words.addAll(squeezed.keySet());
        Map<String, Starts> byWord = new HashMap<>();
        for (String word : words) {
            Entry[] asWritten = exact.getOrDefault(word, NO_ENTRIES);
            Entry[] squeezedEntries = squeezed.getOrDefault(word, NO_ENTRIES);
            byWord.put(word, new Starts(Candidates.of(asWritten), misspelt.getOrDefault(word, NO_ENTRIES),
                    Arrays.equals(squeezedEntries, asWritten) ? asWritten : squeezedEntries)); // mostly the same: share
        }
        return byWord; // a HashMap, never changed: its lookups compare hash codes before words
    }

    /** The lexicons shipped with Parley: English and Portuguese, curated (see the README beside them). */
    public static Lexicon standard(TextNormaliser normaliser) {
        return fromResources(normaliser, "lexicon/en.tsv", "lexicon/pt.tsv");
    }

    /** Loads lexicon files from resources next to this class. */
    static Lexicon fromResources(TextNormaliser normaliser, String... names) {
        return new Lexicon(LexiconFile.fromResources(normaliser, names));
    }

    /** A lexicon from text in the file format. */
    public static Lexicon parse(String text, TextNormaliser normaliser) {
        return new Lexicon(LexiconFile.parse(text, "text", normaliser));
    }

    /** How many entries the lexicon holds. */
    public int size() {
        return size;
    }

    /** Splits normalised text into words and finds every entry in it. */
    ScannedText scan(String normalised) {
        LookedUp split = unglued(lookedUp(words(normalised)));
        boolean[] quoted = null;
        String[] words = split.words();
        Starts[] found = split.starts();
        if (normalised.indexOf('"') >= 0) {
            int count = 0;
            for (String word : words) {
                count += word.equals(TextNormaliser.QUOTE) ? 0 : 1;
            }
            String[] unquoted = new String[count];
            Starts[] unquotedStarts = new Starts[count];
            quoted = new boolean[count];
            boolean open = false;
            int at = 0;
            for (int i = 0; i < words.length; i++) {
                if (words[i].equals(TextNormaliser.QUOTE)) {
                    open = !open;
                } else {
                    quoted[at] = open;
                    unquotedStarts[at] = found[i];
                    unquoted[at++] = words[i];
                }
            }
            words = unquoted;
            found = unquotedStarts;
        }
        EntryMatcher matcher = new EntryMatcher(words);
        int[] prefixHash = new int[longestPrefix + 1];
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            Starts starts = found[i];
            if (!starts.asWritten().isEmpty()) {
                matcher.addHits(i, starts.asWritten());
            } else if (word.length() >= 4) {
                matcher.addHits(i, starts.misspelt());
            }
            if (word.indexOf(TextNormaliser.MASK) > 0) {
                matcher.addHits(i, byMaskedFirstWord.entries(word));
            }
            if (word.length() == 1 && i + 1 < words.length && "aeio".indexOf(word.charAt(0)) >= 0) {
                addLeadingLetterHits(matcher, i);
            }
            @Nullable String squeezed = matcher.squeezed(i);
            if (squeezed != null) {
                for (Entry entry : starts(squeezed).squeezed()) {
                    if (!entry.words()[0].equals(word)) {
                        matcher.addHit(i, entry);
                    }
                }
            }
            if (longestPrefix > 0) {
                int longest = Math.min(word.length(), longestPrefix);
                int hash = 0;
                for (int length = 1; length <= longest; length++) {
                    hash = 31 * hash + word.charAt(length - 1); // String.hashCode of the first length characters
                    prefixHash[length] = hash;
                }
                for (int length = longest; length >= 3; length--) {
                    if (!prefixFilter.mightContain(prefixHash[length])) {
                        continue; // no stem has this prefix's hash code: no substring needed
                    }
                    Entry[] entries = byFirstWordPrefix.get(word.substring(0, length));
                    if (entries != null) {
                        matcher.addHits(i, entries);
                    }
                }
            }
        }
        return new ScannedText(normalised, words, matcher.hits(), quoted);
    }

    /**
     * Adds a hit of every slur or insult that the letter at {@code i} and the word after it make
     * together: the normaliser leaves a leading "a", "e", "i" or "o" of five or more spaced letters
     * a word of its own ("a b o m b"), which splits "i d i o t" into "i diot".
     */
    private void addLeadingLetterHits(EntryMatcher matcher, int i) {
        String joined = matcher.word(i) + matcher.word(i + 1);
        for (Entry entry : starts(joined).asWritten().entries()) {
            boolean abuse = entry.category() == Category.HATE || entry.category() == Category.HARASSMENT;
            if (abuse && entry.length() == 1) {
                matcher.add(new Hit(i, i + 2, entry));
            }
        }
    }

    /**
     * The words of text, as {@code text.strip().split(" ")} gives them, but without a stripped copy
     * or a list in between.
     */
    private static String[] words(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && Character.isWhitespace(text.charAt(from))) { // no whitespace is a surrogate pair
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        if (from == to) {
            return new String[0];
        }
        int count = 1;
        for (int i = text.indexOf(' ', from); i >= 0 && i < to; i = text.indexOf(' ', i + 1)) {
            count++;
        }
        String[] words = new String[count];
        int start = from;
        for (int k = 0; k < count - 1; k++) {
            int end = text.indexOf(' ', start);
            words[k] = text.substring(start, end);
            start = end + 1;
        }
        words[count - 1] = text.substring(start, to);
        return words;
    }

    /**
     * Whether an entry also matches a word written with one letter left out or two neighbours
     * swapped ("wmen", "scmu", "haet", "klil", "hatrd for"): single words that name groups, derogate, hate,
     * praise or name a violent act, of five letters or more (four for hatred and violent acts,
     * which only count inside a pattern, and only swapped under six: {@link #dropsLetters}), and slurs of six letters or more (a shorter slur's
     * misspellings are too often ordinary words: "pakis" less a letter is "pais", parents). Entries
     * that block on their own (violence, weapons, self-harm) never do, so a typo cannot block
     * ordinary talk; hate needs a group and a derogation together. A phrase of those kinds forgives
     * a typo in its first word when that word has five letters or more.
     */
    private static boolean forgivesTypos(Entry entry) {
        if (entry.words()[0].endsWith("*")) {
            return false;
        }
        int length = entry.words()[0].length();
        if (entry.length() > 1) {
            // a phrase forgives a typo in its first word only ("hatrd for"), the rest must match
            return length >= 5 && (entry.category() == Category.HATE || entry.role() == Role.IDENTITY
                    || entry.role() == Role.DEROGATION || entry.role() == Role.HATRED);
        }
        Role role = entry.role();
        if (role == Role.HATRED || role == Role.VIOLENT_ACT) {
            return length >= 4;
        }
        if (entry.category() == Category.HATE) {
            return length >= 6;
        }
        return length >= 5 && (role == Role.IDENTITY || role == Role.DEROGATION || role == Role.POSITIVE);
    }

    /**
     * Whether a letter left out still reads as the entry: not for a hatred or violent-act word under
     * six letters, whose shorter forms are ordinary words ("drown" less a letter is "down", "beat"
     * is "eat", "kill" is "ill": "you should write down the steps" read as a threat). Swapped
     * letters ("klil") still count.
     */
    private static boolean dropsLetters(Entry entry) {
        Role role = entry.role();
        return entry.length() > 1 || (role != Role.HATRED && role != Role.VIOLENT_ACT) || entry.words()[0].length() >= 6;
    }

    /** The word with two neighbouring letters swapped, and, if {@code drops}, with one letter left out. */
    private static List<String> misspellings(String word, boolean drops) {
        List<String> variants = new ArrayList<>(2 * word.length());
        for (int i = 0; drops && i < word.length(); i++) {
            variants.add(word.substring(0, i) + word.substring(i + 1));
        }
        for (int i = 0; i + 1 < word.length(); i++) {
            if (word.charAt(i) != word.charAt(i + 1)) {
                variants.add(word.substring(0, i) + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2));
            }
        }
        return variants;
    }

    /**
     * Splits words written without the space between them ("womenare", "odeiomulheres",
     * "womendisgust me") when one part is a single word of a group, derogation, hatred, slur or
     * violent act, or the first word (five letters or more) of such a phrase, and the other is one
     * too or a short glue word.
     */
    private LookedUp unglued(LookedUp text) {
        String[] words = text.words();
        List<String> out = null;
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            String[] split = word.length() >= 5 && text.starts()[i].asWritten().isEmpty() ? glued.split(word) : null;
            if (split != null && out == null) {
                out = new ArrayList<>(words.length + 4);
                out.addAll(Arrays.asList(words).subList(0, i));
            }
            if (out != null) {
                if (split != null) {
                    out.add(split[0]);
                    out.add(split[1]);
                } else {
                    out.add(word);
                }
            }
        }
        return out == null ? text : lookedUp(out.toArray(String[]::new)); // rarely: a glued word was split
    }

    /** Words with the entries each may start, looked up once. */
    private record LookedUp(String[] words, Starts[] starts) {}

    private LookedUp lookedUp(String[] words) {
        Starts[] starts = new Starts[words.length];
        for (int i = 0; i < words.length; i++) {
            starts[i] = starts(words[i]);
        }
        return new LookedUp(words, starts);
    }

    private Starts starts(String word) {
        return wordFilter.mightContain(word.hashCode()) ? byWord.getOrDefault(word, NO_STARTS) : NO_STARTS;
    }

    private static Map<String, Entry[]> frozen(Map<String, List<Entry>> map) {
        Map<String, Entry[]> out = new HashMap<>();
        map.forEach((key, list) -> out.put(key, list.stream()
                .sorted(Comparator.comparingInt(Entry::length).reversed())
                .toArray(Entry[]::new)));
        return Map.copyOf(out);
    }

    @Override
    public String toString() {
        return "Lexicon[" + size + " entries]";
    }
}
