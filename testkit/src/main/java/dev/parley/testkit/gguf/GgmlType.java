package dev.parley.testkit.gguf;

/**
 * A tensor element type the writer can store, with its ggml code and block layout. Only the
 * types the generated models need; quantised types store blocks of {@link #blockSize()} values.
 */
public enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    /** The 4-bit type whose matrix products ggml's CPU backend repacks for batches (benchmarks use it). */
    Q4_0(2, 32, 18),
    Q8_0(8, 32, 34);

    private final int code;
    private final int blockSize;
    private final int bytesPerBlock;

    GgmlType(int code, int blockSize, int bytesPerBlock) {
        this.code = code;
        this.blockSize = blockSize;
        this.bytesPerBlock = bytesPerBlock;
    }

    /** The u32 the file stores for this type. */
    public int code() {
        return code;
    }

    /** How many values one block holds. */
    public int blockSize() {
        return blockSize;
    }

    /** How many bytes one block takes. */
    public int bytesPerBlock() {
        return bytesPerBlock;
    }

    /** The bytes {@code elements} values take; {@code elements} must be a multiple of the block size. */
    public long byteSize(long elements) {
        if (elements % blockSize != 0) {
            throw new IllegalArgumentException(
                    name() + " needs a multiple of " + blockSize + " elements, got " + elements);
        }
        return elements / blockSize * bytesPerBlock;
    }
}
