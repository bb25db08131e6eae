package dev.parley.core.moderation;

/**
 * A set of hash codes that may answer yes in vain but never no in vain (a Bloom filter of one
 * hash function), with some ten bits per code: a bit tested costs much less than a map lookup
 * or a binary search, and most words of a text are in no entry.
 */
final class HashCodeFilter {

    private final long[] bits;
    private final int shift;

    HashCodeFilter(int[] hashCodes) {
        int size = Integer.highestOneBit(Math.max(64, hashCodes.length * 10)) * 2; // a power of two
        bits = new long[size / 64];
        shift = Integer.SIZE - Integer.numberOfTrailingZeros(size);
        for (int hashCode : hashCodes) {
            int bit = bit(hashCode);
            bits[bit >>> 6] |= 1L << bit;
        }
    }

    boolean mightContain(int hashCode) {
        int bit = bit(hashCode);
        return (bits[bit >>> 6] & (1L << bit)) != 0;
    }

    /** The top bits of the hash code times the golden ratio: every bit of the code counts. */
    private int bit(int hashCode) {
        return (hashCode * 0x9E3779B9) >>> shift;
    }
}
