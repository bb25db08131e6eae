package dev.parley.core.moderation;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A normalised text split into words, with every lexicon entry found in it: what the local rules
 * read. Rules ask where roles and categories occur and how close together they are.
 */
public final class ScannedText {

    private final String normalised;
    private final String[] words;
    /** The hits by where they start. Never changed. */
    private final Lexicon.Hit[] hits;
    /**
     * For each word, the index of the first hit that starts there or later ({@code hits.length} if
     * none), one more for the end: rules look only at the hits near a word, never the whole text
     * per hit, so a text of any size is judged in linear time.
     */
    private final int[] firstHitAt;
    /** The most words a hit spans, so a rule knows how far back a hit that ends near a word may start. */
    private final int longestHit;
    private final boolean @Nullable [] quoted;
    /** How many hits the rules have read: a probe for tests, counted per text and never shared. */
    private long hitsRead;

    ScannedText(String normalised, String[] words, List<Lexicon.Hit> hits, boolean @Nullable [] quoted) {
        this.normalised = normalised;
        this.words = words;
        this.hits = hits.toArray(Lexicon.Hit[]::new);
        this.quoted = quoted;
        this.firstHitAt = new int[words.length + 1];
        int longest = 0;
        int next = 0;
        for (int word = 0; word <= words.length; word++) {
            while (next < this.hits.length && this.hits[next].start() < word) {
                next++;
            }
            firstHitAt[word] = next;
        }
        for (Lexicon.Hit hit : this.hits) {
            longest = Math.max(longest, hit.end() - hit.start());
        }
        this.longestHit = longest;
    }

    /**
     * Whether the text quotes words that hate or abuse (an entry of a group, a derogation, hatred,
     * hate or harassment between quotation marks) and says something of its own around them, as
     * counter-speech and reports do: "\"X are scum\" is a vile thing to say".
     */
    boolean quotesAbuseWithCommentary() {
        if (quoted == null) {
            return false;
        }
        int outside = 0;
        for (boolean inside : quoted) {
            outside += inside ? 0 : 1;
        }
        if (outside < 2) {
            return false;
        }
        for (Lexicon.Hit hit : hits) {
            Category category = hit.entry().category();
            boolean abusive = hit.is(Role.IDENTITY) || hit.is(Role.DEROGATION) || hit.is(Role.HATRED)
                    || category == Category.HATE || category == Category.HARASSMENT;
            if (abusive && quoted[hit.start()]) {
                return true;
            }
        }
        return false;
    }

    /** The normalised text. */
    public String normalised() {
        return normalised;
    }

    /**
     * The normalised text without the words of any hit of {@code role}, one space between words
     * and one at each end; a word that is also part of an entry scoring a category ("sapatão" names
     * a group and is a slur) stays. The normalised text itself if no word is left out.
     */
    String normalisedWithout(Role role) {
        boolean[] left = null;
        for (Lexicon.Hit hit : hits) {
            if (hit.is(role)) {
                left = left == null ? new boolean[words.length] : left;
                java.util.Arrays.fill(left, hit.start(), hit.end(), true);
            }
        }
        if (left == null) {
            return normalised;
        }
        for (Lexicon.Hit hit : hits) {
            if (hit.entry().category() != null) {
                java.util.Arrays.fill(left, hit.start(), hit.end(), false);
            }
        }
        StringBuilder out = new StringBuilder(normalised.length()).append(' ');
        for (int i = 0; i < words.length; i++) {
            if (!left[i]) {
                out.append(words[i]).append(' ');
            }
        }
        return out.toString();
    }

    /** How many words the text has. */
    int wordCount() {
        return words.length;
    }

    /** The hits by where they start, unmodifiable. */
    List<Lexicon.Hit> hits() {
        return List.of(hits);
    }

    /** How many entries were found. */
    int hitCount() {
        return hits.length;
    }

    /** The hit at {@code index}, hits ordered by where they start. */
    Lexicon.Hit hit(int index) {
        hitsRead++;
        return hits[index];
    }

    /**
     * The index of the first hit that starts at word {@code word} or later: the hits that start in
     * words {@code [from, to)} are those from {@code firstHitFrom(from)} up to {@code firstHitFrom(to)}.
     */
    int firstHitFrom(int word) {
        return firstHitAt[Math.clamp(word, 0, words.length)];
    }

    /** The most words one hit spans. */
    int longestHit() {
        return longestHit;
    }

    /** How many hits have been read through {@link #hit} so far: what the rules' work grows with. */
    long hitsRead() {
        return hitsRead;
    }

    /** Whether an entry of {@code role} occurs anywhere. */
    public boolean has(Role role) {
        for (Lexicon.Hit hit : hits) {
            if (hit.is(role)) {
                return true;
            }
        }
        return false;
    }

    /** The first hit of {@code role} that starts in words {@code [from, to)}, or null. */
    Lexicon.@Nullable Hit find(Role role, int from, int to) {
        int end = firstHitFrom(to);
        for (int i = firstHitFrom(from); i < end; i++) {
            Lexicon.Hit hit = hit(i);
            if (hit.is(role)) {
                return hit;
            }
        }
        return null;
    }

    /** Whether a negation starts within {@code window} words before word {@code position}. */
    boolean negatedBefore(int position, int window) {
        return find(Role.NEGATION, Math.max(0, position - window), position) != null;
    }
}
