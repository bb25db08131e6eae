package dev.parley.model.llamacpp;

import java.util.Arrays;

/**
 * The tokens of one {@code llama_decode} across several sequences: each entry puts a token at a
 * position of a sequence and says whether its logits are kept for sampling. Reused step after
 * step ({@link #clear()}); not thread-safe. {@link BatchDecoder#decode} checks the entries
 * against the model (vocabulary, sequences, context) before native code sees them.
 */
public final class TokenBatch {

    private final int[] tokens;
    private final int[] positions;
    private final int[] sequences;
    private final boolean[] logits;
    private int size;

    /** An empty batch of at most {@code capacity} entries. */
    public TokenBatch(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        tokens = new int[capacity];
        positions = new int[capacity];
        sequences = new int[capacity];
        logits = new boolean[capacity];
    }

    /**
     * Adds one entry.
     *
     * @return its index, the index {@link BatchDecoder#sample} reads the logits of
     * @throws IllegalStateException if the batch is full
     */
    public int add(int token, int position, int sequence, boolean wantsLogits) {
        if (size == tokens.length) {
            throw new IllegalStateException("the batch is full at " + size + " entries");
        }
        if (position < 0 || sequence < 0) {
            throw new IllegalArgumentException("position and sequence must not be negative, were " + position + ", " + sequence);
        }
        tokens[size] = token;
        positions[size] = position;
        sequences[size] = sequence;
        logits[size] = wantsLogits;
        return size++;
    }

    /** Entries added since the last {@link #clear()}. */
    public int size() {
        return size;
    }

    /** How many entries fit. */
    public int capacity() {
        return tokens.length;
    }

    /** Room left. */
    public int remaining() {
        return tokens.length - size;
    }

    /** Empties the batch for the next step. */
    public void clear() {
        size = 0;
    }

    int[] tokens() {
        return tokens;
    }

    int[] positions() {
        return positions;
    }

    int[] sequences() {
        return sequences;
    }

    boolean[] logits() {
        return logits;
    }

    /** The tokens of the entries, for checks. */
    int[] usedTokens() {
        return Arrays.copyOf(tokens, size);
    }
}
