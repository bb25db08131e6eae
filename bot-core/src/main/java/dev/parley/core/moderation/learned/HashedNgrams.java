package dev.parley.core.moderation.learned;


/**
 * The features of a linear text model: character n-grams of the text with a space at each end,
 * whole words and pairs of neighbouring words, each hashed into one of {@code 2^bits} buckets.
 *
 * <p>Character n-grams that cross a space carry word context ("o cu", "u lixo"), and hashing
 * keeps the model a fixed-size array with no vocabulary to ship. The text is expected already
 * normalised (lower case, letters and digits, single spaces), so evasions are undone before
 * features are taken; a run of one letter counts as one letter ("gordaa", "gorda"), since
 * stretching words is how chat writes emphasis. A text's features go into a buffer the caller
 * gives, so scoring allocates nothing but the padded copy of the text.
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

    /** The most features a text of {@code length} characters can have: the size of a buffer for {@link #features}. */
    public int maxFeatures(int length) {
        // a character n-gram of each length from each position and the leading space, a word and a pair per two characters
        return (length + 1) * (maxChars - minChars + 1) + length + 1;
    }

    /**
     * Writes the bucket of every feature of {@code normalised} into {@code into}, a bucket once per
     * occurrence, and returns how many it wrote.
     *
     * @param into at least {@link #maxFeatures}{@code (normalised.length())} long
     */
    public int features(CharSequence normalised, int[] into) {
        char[] text = padded(normalised);
        int last = text.length - 1;
        int count = 0;
        // Every n-gram start but the trailing space, as in " ab ": " ", " a", "a", "ab", "b", "b ".
        for (int start = 0; start < last; start++) {
            int hash = FNV_OFFSET;
            int longest = Math.min(maxChars, text.length - start);
            for (int n = 1; n <= longest; n++) {
                hash = (hash ^ text[start + n - 1]) * FNV_PRIME;
                if (n >= minChars) {
                    into[count++] = bucket(hash);
                }
            }
        }
        int previousWord = 0;
        boolean hasPrevious = false;
        int wordHash = WORD_SEED;
        boolean inWord = false;
        for (int i = 1; i <= last; i++) {
            char c = text[i];
            if (c != ' ') {
                wordHash = (wordHash ^ c) * FNV_PRIME;
                inWord = true;
                continue;
            }
            if (!inWord) {
                continue;
            }
            into[count++] = bucket(wordHash);
            if (hasPrevious) {
                into[count++] = bucket((previousWord * 31 + wordHash) ^ PAIR_SEED);
            }
            previousWord = wordHash;
            hasPrevious = true;
            wordHash = WORD_SEED;
            inWord = false;
        }
        return count;
    }

    /** The text with a space at each end and every run of one character written once. */
    private static char[] padded(CharSequence text) {
        char[] out = new char[text.length() + 2];
        out[0] = ' ';
        int length = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (i == 0 || c != text.charAt(i - 1)) {
                out[length++] = c;
            }
        }
        out[length++] = ' ';
        return length == out.length ? out : java.util.Arrays.copyOf(out, length);
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
