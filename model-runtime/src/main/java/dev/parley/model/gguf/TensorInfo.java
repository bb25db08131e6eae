package dev.parley.model.gguf;

import java.util.List;

/**
 * One tensor as a GGUF file describes it.
 *
 * @param name the tensor's name, such as {@code blk.0.attn_q.weight}
 * @param dims the shape in ggml order (the first dimension varies fastest)
 * @param type the ggml type code (0 f32, 1 f16, 8 q8_0, ...)
 * @param offset where its data starts, relative to the data section
 * @param byteSize how many bytes its data takes
 */
public record TensorInfo(String name, List<Long> dims, int type, long offset, long byteSize) {

    public TensorInfo {
        dims = List.copyOf(dims);
    }
}
