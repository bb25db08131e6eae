package dev.parley.testkit.gguf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A writer of GGUF version 3 files: typed metadata (scalars and arrays) and tensors whose data is
 * produced while the file is written, so a multi-gigabyte model never has to fit in the heap.
 *
 * <p>Layout: magic {@code GGUF}, u32 version, u64 tensor count, u64 metadata count, the metadata,
 * the tensor infos, then the data section, which starts on a multiple of the alignment, with
 * every tensor padded to it. The writer does not add {@code general.alignment}: put it yourself
 * if you use an alignment other than 32. Nothing is checked against any model architecture, so
 * broken files for tests are as easy to write as good ones (a LoRA adapter too).
 */
public final class GgufWriter {

    /** The alignment llama.cpp assumes when a file has no {@code general.alignment}. */
    public static final int DEFAULT_ALIGNMENT = 32;

    private static final int VERSION = 3;

    private final int alignment;
    private final Map<String, Metadata> metadata = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();

    /** A writer with the default alignment of 32 bytes. */
    public GgufWriter() {
        this(DEFAULT_ALIGNMENT);
    }

    /** A writer that aligns the data section and every tensor to {@code alignment} bytes. */
    public GgufWriter(int alignment) {
        if (alignment < 1 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two, was " + alignment);
        }
        this.alignment = alignment;
    }

    /** Values produced one at a time, in ggml order (the first dimension varies fastest). */
    @FunctionalInterface
    public interface ValueSource {
        /** The next value of the tensor. */
        float next();
    }

    /** Writes the elements of one metadata array. */
    @FunctionalInterface
    public interface ArrayElements {
        /** Writes element {@code index} with the given sink. */
        void write(int index, ElementSink sink) throws IOException;
    }

    /** Where {@link ArrayElements} write each element, in the array's element type. */
    public interface ElementSink {
        void integer(long value) throws IOException;

        void float32(float value) throws IOException;

        void float64(double value) throws IOException;

        void bool(boolean value) throws IOException;

        void string(String value) throws IOException;
    }

    /**
     * Takes the metadata entry {@code key} out, if there is one, so that a caller starting from a
     * generated model ({@code TinyLlamaModel.toWriter()}) can put a value of its own: another
     * architecture or name. Putting a key twice stays an error, so no test overwrites one by mistake.
     */
    public GgufWriter remove(String key) {
        metadata.remove(Objects.requireNonNull(key, "key"));
        return this;
    }

    public GgufWriter putString(String key, String value) {
        Objects.requireNonNull(value, "value");
        return put(key, GgufValueType.STRING, out -> out.string(value));
    }

    public GgufWriter putUint8(String key, int value) {
        return put(key, GgufValueType.UINT8, out -> out.u8(value));
    }

    public GgufWriter putInt8(String key, int value) {
        return put(key, GgufValueType.INT8, out -> out.u8(value));
    }

    public GgufWriter putUint16(String key, int value) {
        return put(key, GgufValueType.UINT16, out -> out.u16(value));
    }

    public GgufWriter putInt16(String key, int value) {
        return put(key, GgufValueType.INT16, out -> out.u16(value));
    }

    /** Stores the low 32 bits of {@code value} as an unsigned 32-bit integer. */
    public GgufWriter putUint32(String key, long value) {
        return put(key, GgufValueType.UINT32, out -> out.u32((int) value));
    }

    public GgufWriter putInt32(String key, int value) {
        return put(key, GgufValueType.INT32, out -> out.u32(value));
    }

    public GgufWriter putUint64(String key, long value) {
        return put(key, GgufValueType.UINT64, out -> out.u64(value));
    }

    public GgufWriter putInt64(String key, long value) {
        return put(key, GgufValueType.INT64, out -> out.u64(value));
    }

    public GgufWriter putFloat32(String key, float value) {
        return put(key, GgufValueType.FLOAT32, out -> out.f32(value));
    }

    public GgufWriter putFloat64(String key, double value) {
        return put(key, GgufValueType.FLOAT64, out -> out.f64(value));
    }

    public GgufWriter putBool(String key, boolean value) {
        return put(key, GgufValueType.BOOL, out -> out.u8(value ? 1 : 0));
    }

    public GgufWriter putStringArray(String key, List<String> values) {
        List<String> copy = List.copyOf(values);
        return putArray(key, GgufValueType.STRING, copy.size(), (i, sink) -> sink.string(copy.get(i)));
    }

    public GgufWriter putInt32Array(String key, int[] values) {
        int[] copy = values.clone();
        return putArray(key, GgufValueType.INT32, copy.length, (i, sink) -> sink.integer(copy[i]));
    }

    public GgufWriter putFloat32Array(String key, float[] values) {
        float[] copy = values.clone();
        return putArray(key, GgufValueType.FLOAT32, copy.length, (i, sink) -> sink.float32(copy[i]));
    }

    /**
     * Puts an array of {@code count} elements of {@code elementType}, written lazily by
     * {@code elements} (so a 150k-token vocabulary need not be materialised twice).
     */
    public GgufWriter putArray(String key, GgufValueType elementType, int count, ArrayElements elements) {
        if (elementType == GgufValueType.ARRAY) {
            throw new IllegalArgumentException("nested arrays are not supported");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        return put(key, GgufValueType.ARRAY, out -> {
            out.u32(elementType.code());
            out.u64(count);
            ElementSink sink = new TypedSink(elementType, out);
            for (int i = 0; i < count; i++) {
                elements.write(i, sink);
            }
        });
    }

    /**
     * Adds a tensor whose values come from {@code values}, encoded as {@code type}.
     *
     * @param dims the shape in ggml order (numpy's shape reversed), one to four dimensions
     */
    public GgufWriter addTensor(String name, GgmlType type, long[] dims, ValueSource values) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(values, "values");
        if (dims.length < 1 || dims.length > 4) {
            throw new IllegalArgumentException("a tensor has 1 to 4 dimensions, got " + dims.length);
        }
        long elements = 1;
        for (long dim : dims) {
            if (dim < 1) {
                throw new IllegalArgumentException("dimensions must be positive: " + name);
            }
            elements = Math.multiplyExact(elements, dim);
        }
        if (dims[0] % type.blockSize() != 0) {
            throw new IllegalArgumentException(name + ": the first dimension must be a multiple of "
                    + type.blockSize() + " for " + type);
        }
        for (Tensor tensor : tensors) {
            if (tensor.name().equals(name)) {
                throw new IllegalArgumentException("duplicate tensor " + name);
            }
        }
        tensors.add(new Tensor(name, type, dims.clone(), type.byteSize(elements), values));
        return this;
    }

    /** Adds a tensor with the given values, in ggml order. */
    public GgufWriter addTensor(String name, GgmlType type, long[] dims, float[] values) {
        float[] copy = values.clone();
        int[] next = {0};
        return addTensor(name, type, dims, () -> copy[next[0]++]);
    }

    /** Writes the file, replacing {@code file} if it exists. */
    public void writeTo(Path file) throws IOException {
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            writeTo(stream);
        }
    }

    /** Writes the file to {@code stream}, which is left open. */
    public void writeTo(OutputStream stream) throws IOException {
        LittleEndianOutput out = new LittleEndianOutput(stream);
        out.bytes(new byte[] {'G', 'G', 'U', 'F'});
        out.u32(VERSION);
        out.u64(tensors.size());
        out.u64(metadata.size());
        for (Map.Entry<String, Metadata> entry : metadata.entrySet()) {
            out.string(entry.getKey());
            out.u32(entry.getValue().type().code());
            entry.getValue().value().write(out);
        }
        long offset = 0;
        for (Tensor tensor : tensors) {
            out.string(tensor.name());
            out.u32(tensor.dims().length);
            for (long dim : tensor.dims()) {
                out.u64(dim);
            }
            out.u32(tensor.type().code());
            out.u64(offset);
            offset = align(offset + tensor.byteSize());
        }
        out.zeros(align(out.written()) - out.written());
        for (Tensor tensor : tensors) {
            long start = out.written();
            new TensorEncoder(tensor.type(), out).encode(tensor.byteSize(), tensor.values());
            long actual = out.written() - start;
            if (actual != tensor.byteSize()) {
                throw new IllegalStateException(tensor.name() + ": wrote " + actual + " bytes, expected "
                        + tensor.byteSize());
            }
            out.zeros(align(tensor.byteSize()) - tensor.byteSize());
        }
    }

    private long align(long position) {
        return (position + alignment - 1) / alignment * alignment;
    }

    private GgufWriter put(String key, GgufValueType type, ValueWriter value) {
        Objects.requireNonNull(key, "key");
        if (metadata.putIfAbsent(key, new Metadata(type, value)) != null) {
            throw new IllegalArgumentException("duplicate metadata key " + key);
        }
        return this;
    }

    @FunctionalInterface
    private interface ValueWriter {
        void write(LittleEndianOutput out) throws IOException;
    }

    private record Metadata(GgufValueType type, ValueWriter value) {}

    private record Tensor(String name, GgmlType type, long[] dims, long byteSize, ValueSource values) {}

    /** Writes array elements in the array's declared type, whatever the caller passes. */
    private record TypedSink(GgufValueType type, LittleEndianOutput out) implements ElementSink {

        @Override
        public void integer(long value) throws IOException {
            switch (type) {
                case UINT8, INT8, BOOL -> out.u8((int) value);
                case UINT16, INT16 -> out.u16((int) value);
                case UINT32, INT32 -> out.u32((int) value);
                case UINT64, INT64 -> out.u64(value);
                case FLOAT32 -> out.f32(value);
                case FLOAT64 -> out.f64(value);
                default -> throw new IllegalArgumentException("an integer in an array of " + type);
            }
        }

        @Override
        public void float32(float value) throws IOException {
            float64(value);
        }

        @Override
        public void float64(double value) throws IOException {
            switch (type) {
                case FLOAT32 -> out.f32((float) value);
                case FLOAT64 -> out.f64(value);
                default -> throw new IllegalArgumentException("a float in an array of " + type);
            }
        }

        @Override
        public void bool(boolean value) throws IOException {
            integer(value ? 1 : 0);
        }

        @Override
        public void string(String value) throws IOException {
            if (type != GgufValueType.STRING) {
                throw new IllegalArgumentException("a string in an array of " + type);
            }
            out.string(value);
        }
    }

    /** Turns a stream of float values into the bytes of one tensor type. */
    private record TensorEncoder(GgmlType type, LittleEndianOutput out) {

        void encode(long byteSize, ValueSource values) throws IOException {
            long blocks = byteSize / type.bytesPerBlock();
            float[] block = new float[type.blockSize()];
            for (long b = 0; b < blocks; b++) {
                for (int i = 0; i < block.length; i++) {
                    block[i] = values.next();
                }
                writeBlock(block);
            }
        }

        private void writeBlock(float[] block) throws IOException {
            switch (type) {
                case F32 -> out.f32(block[0]);
                case F16 -> out.u16(Float.floatToFloat16(block[0]));
                case Q4_0 -> {
                    // q4_0: an f16 scale, then 16 bytes of two 4-bit values each (the first half
                    // of the block in the low nibbles); value = scale * (nibble - 8). As ggml
                    // does, the value of largest magnitude maps to -8.
                    float extreme = 0;
                    for (float value : block) {
                        extreme = Math.abs(value) > Math.abs(extreme) ? value : extreme;
                    }
                    float scale = extreme / -8f;
                    out.u16(Float.floatToFloat16(scale));
                    float inverse = scale == 0 ? 0 : 1f / scale;
                    int half = block.length / 2;
                    for (int i = 0; i < half; i++) {
                        int low = Math.min(15, (int) (block[i] * inverse + 8.5f));
                        int high = Math.min(15, (int) (block[half + i] * inverse + 8.5f));
                        out.u8(low | high << 4);
                    }
                }
                case Q8_0 -> {
                    // q8_0: an f16 scale, then 32 signed bytes; value = scale * byte
                    float max = 0;
                    for (float value : block) {
                        max = Math.max(max, Math.abs(value));
                    }
                    float scale = max / 127f;
                    out.u16(Float.floatToFloat16(scale));
                    float inverse = scale == 0 ? 0 : 1f / scale;
                    for (float value : block) {
                        // ggml rounds half away from zero
                        float scaled = Math.abs(value * inverse);
                        out.u8((int) Math.copySign((float) Math.floor(scaled + 0.5f), value));
                    }
                }
            }
        }
    }
}
