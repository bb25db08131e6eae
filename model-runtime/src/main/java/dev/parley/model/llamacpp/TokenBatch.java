package dev.parley.model.llamacpp;

/**
 * The tokens of one {@code llama_decode} across several sequences: each entry puts a token at a
 * position of a sequence and says whether its logits are kept for sampling. Reused step after
 * step ({@link #clear()}), its arrays handed to native code as they are, so a step allocates
 * nothing; not thread-safe. {@link BatchDecoder#decode} checks the entries
 * against the model (vocabulary, sequences, context) before native code sees them.
 */
public final class TokenBatch {

    private final int[] tokens;
    private final int[] positions;
    private final int[] sequences;
    private final boolean[] logits;
    private final long[] samplers; // per entry: the chain that samples it in the same native call, 0: none
    private final int[] sampled; // per entry: what that chain sampled, ~token for an end of generation
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
        samplers = new long[capacity];
        sampled = new int[capacity];
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
        samplers[size] = 0;
        return size++;
    }

    /**
     * Adds one entry whose logits {@code sampler} samples as soon as the batch is decoded, in the
     * same native call ({@link BatchDecoder#decodeAndSample}); {@link #sampledToken} reads it then.
     *
     * @return its index
     * @throws IllegalStateException if the batch is full or the sampler closed
     */
    public int add(int token, int position, int sequence, Sampler sampler) {
        return add(token, position, sequence, sampler.handle());
    }

    /** {@link #add(int, int, int, Sampler)} with a chain's native handle ({@link Generation} holds one). */
    int add(int token, int position, int sequence, long sampler) {
        int index = add(token, position, sequence, true);
        samplers[index] = sampler;
        return index;
    }

    /** The token sampled for entry {@code index} by the last {@link BatchDecoder#decodeAndSample}. */
    public int sampledToken(int index) {
        int value = sampled[checkIndex(index)];
        return value < 0 ? ~value : value;
    }

    /** Whether the token sampled for entry {@code index} ends a reply (end of turn, end of text). */
    public boolean endsGeneration(int index) {
        return sampled[checkIndex(index)] < 0;
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= size || samplers[index] == 0) {
            throw new IllegalArgumentException("entry " + index + " of the batch has no sampler");
        }
        return index;
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

    long[] samplers() {
        return samplers;
    }

    int[] sampled() {
        return sampled;
    }
}
