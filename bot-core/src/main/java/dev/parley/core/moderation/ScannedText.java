package dev.parley.core.moderation;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A normalised text split into words, with every lexicon entry found in it: what the local rules
 * read. Rules ask where roles and categories occur and how close together they are.
 */
public final class ScannedText {

    private final String normalised;
    private final String[] words;
    /** The hits by where they start; an array, as rules loop over it for every hit. Never changed. */
    private final Lexicon.Hit[] hits;
    private final List<Lexicon.Hit> hitList;
    private final boolean @org.jspecify.annotations.Nullable [] quoted;

    ScannedText(String normalised, String[] words, List<Lexicon.Hit> hits, boolean @org.jspecify.annotations.Nullable [] quoted) {
        this.normalised = normalised;
        this.words = words;
        this.hits = hits.toArray(Lexicon.Hit[]::new);
        this.hitList = Collections.unmodifiableList(Arrays.asList(this.hits));
        this.quoted = quoted;
    }

    /**
     * Whether the text quotes words that hate or abuse (an entry of a group, a derogation, hatred,
     * hate or harassment between quotation marks) and says something of its own around them, as
     * counter-speech and reports do: "\"X are scum\" is a vile thing to say".
     */
    public boolean quotesAbuseWithCommentary() {
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

    /** How many words the text has. */
    public int wordCount() {
        return words.length;
    }

    List<Lexicon.Hit> hits() {
        return hitList;
    }

    /** The same hits as {@link #hits()}, as an array to loop over without an iterator; never change it. */
    Lexicon.Hit[] hitArray() {
        return hits;
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
    Lexicon.@org.jspecify.annotations.Nullable Hit find(Role role, int from, int to) {
        for (Lexicon.Hit hit : hits) {
            if (hit.start() >= to) {
                break;
            }
            if (hit.start() >= from && hit.is(role)) {
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
