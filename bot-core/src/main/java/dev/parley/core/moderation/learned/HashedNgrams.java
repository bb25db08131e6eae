package dev.parley.core.moderation.learned;

import java.util.function.IntConsumer;

/**
 * The features of a linear text model: character n-grams of the text with a space at each end,
 * whole words and pairs of neighbouring words, each hashed into one of {@code 2^bits} buckets.
 *
 * <p>Character n-grams that cross a space carry word context ("o cu", "u lixo"), and hashing
 * keeps the model a fixed-size array with no vocabulary to ship. The text is expected already
 * normalised (lower case, letters and digits, single spaces), so evasions are undone before
 * features are taken; a run of one letter counts as one letter ("gordaa", "gorda"), since
 * stretching words is how chat writes emphasis.
 */
public final class HashedNgrams {

    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;
    private static final int WORD_SEED = 0x5bd1e995;
    private static final int PAIR_SEED = 0x27d4eb2f;

    private final int bits;
    private final int mask;
    private final int minChars;
    private final int maxChars;

    /**
     * @param bits log2 of the number of buckets, 10 to 24
     * @param minChars shortest character n-gram, at least 1
     * @param maxChars longest character n-gram, at least {@code minChars} and at most 8
     */
    public HashedNgrams(int bits, int minChars, int maxChars) {
        if (bits < 10 || bits > 24) {
            throw new IllegalArgumentException("bits must be in [10, 24], was " + bits);
        }
        if (minChars < 1 || maxChars < minChars || maxChars > 8) {
            throw new IllegalArgumentException("n-gram lengths must satisfy 1 <= min <= max <= 8, were "
                    + minChars + " and " + maxChars);
        }
        this.bits = bits;
        this.mask = (1 << bits) - 1;
        this.minChars = minChars;
        this.maxChars = maxChars;
    }

    /** log2 of the number of buckets. */
    public int bits() {
        return bits;
    }

    /** The number of buckets, the length of a model's weight array. */
    public int buckets() {
        return mask + 1;
    }

    /** Shortest character n-gram. */
    public int minChars() {
        return minChars;
    }

    /** Longest character n-gram. */
    public int maxChars() {
        return maxChars;
    }

    /**
     * Passes the bucket of every feature of {@code normalised} to {@code sink}, a bucket once per
     * occurrence, and returns how many it passed.
     */
    public int features(CharSequence normalised, IntConsumer sink) {
        CharSequence text = squeezed(normalised);
        int length = text.length();
        int count = 0;
        // Positions -1 and length are virtual spaces, so words at the edges get both boundaries.
        for (int start = -1; start < length; start++) {
            int hash = FNV_OFFSET;
            for (int n = 1; n <= maxChars && start + n - 1 <= length; n++) {
                hash = (hash ^ charAt(text, start + n - 1)) * FNV_PRIME;
                if (n >= minChars) {
                    sink.accept(bucket(hash));
                    count++;
                }
            }
        }
        int previousWord = 0;
        boolean hasPrevious = false;
        int wordHash = WORD_SEED;
        boolean inWord = false;
        for (int i = 0; i <= length; i++) {
            char c = i < length ? text.charAt(i) : ' ';
            if (c != ' ') {
                wordHash = (wordHash ^ c) * FNV_PRIME;
                inWord = true;
                continue;
            }
            if (!inWord) {
                continue;
            }
            sink.accept(bucket(wordHash));
            count++;
            if (hasPrevious) {
                sink.accept(bucket((previousWord * 31 + wordHash) ^ PAIR_SEED));
                count++;
            }
            previousWord = wordHash;
            hasPrevious = true;
            wordHash = WORD_SEED;
            inWord = false;
        }
        return count;
    }

    private static CharSequence squeezed(CharSequence text) {
        int i = 1;
        while (i < text.length() && text.charAt(i) != text.charAt(i - 1)) {
            i++;
        }
        if (i >= text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, i);
        for (; i < text.length(); i++) {
            if (text.charAt(i) != text.charAt(i - 1)) {
                out.append(text.charAt(i));
            }
        }
        return out;
    }

    private static char charAt(CharSequence text, int index) {
        return index < 0 || index >= text.length() ? ' ' : text.charAt(index);
    }

    private int bucket(int hash) {
        // murmur3's finaliser: FNV's low bits alone are poorly spread.
        int h = hash;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & mask;
    }
}
