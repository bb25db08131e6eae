package dev.parley.core.experiment;

/**
 * What feedback holds for one variant.
 *
 * @param exchanges answers recorded on the variant
 * @param up exchanges whose votes add up to 👍
 * @param down exchanges whose votes add up to 👎
 */
public record VariantCounts(long exchanges, long up, long down) {

    /** Exchanges rated one way or the other; a tie of votes counts as unrated. */
    public long rated() {
        return up + down;
    }
}
