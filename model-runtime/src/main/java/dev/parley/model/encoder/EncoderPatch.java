package dev.parley.model.encoder;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A fine-tuned build of an ONNX encoder kept as its difference from the model it was tuned from
 * ({@code benchmarks/encoder/finetune.py} writes it), so the repository holds what training changed
 * rather than a second copy of the model.
 *
 * <p>The patch names the initializers it changes; each entry either replaces an initializer's raw
 * bytes or adds to each byte (modulo 256: an 8-bit weight that training did not move adds 0, which
 * is why the gzipped patch is small). It records the SHA-256 of the model it applies to and of the
 * model it makes, and {@link #apply} checks both, so a different base model never yields a silently
 * wrong encoder.
 *
 * <p>Format, gzipped, big-endian: {@code "PEP1"}, base SHA-256 (32 bytes), result SHA-256 (32
 * bytes), entry count (int); each entry: name length (short), name (UTF-8), kind (byte: 0 replace, 1
 * add), data length (int), data.
 */
final class EncoderPatch {

    private static final byte[] MAGIC = "PEP1".getBytes(StandardCharsets.US_ASCII);

    private static final int REPLACE = 0;
    private static final int ADD = 1;

    private EncoderPatch() {
    }

    /**
     * The model the patch makes of {@code base}.
     *
     * @throws IOException if the patch is unreadable, belongs to another base model, names an
     *     initializer the model lacks or of another size, or does not give the model it recorded
     */
    static byte[] apply(byte[] base, InputStream gzipped) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(gzipped))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("not an encoder patch (no PEP1 header)");
            }
            byte[] baseDigest = in.readNBytes(32);
            byte[] resultDigest = in.readNBytes(32);
            if (!Arrays.equals(sha256(base), baseDigest)) {
                throw new IOException("the encoder patch is for another base model (SHA-256 differs)");
            }
            Map<String, int[]> ranges = rawDataRanges(base);
            byte[] result = base.clone();
            int entries = in.readInt();
            for (int e = 0; e < entries; e++) {
                String name = new String(in.readNBytes(in.readUnsignedShort()), StandardCharsets.UTF_8);
                int kind = in.readByte();
                int length = in.readInt();
                int[] range = ranges.get(name);
                if (range == null || range[1] - range[0] != length) {
                    throw new IOException("the encoder patch changes '" + name + "', which the model "
                            + (range == null ? "does not hold as raw data" : "holds at another size"));
                }
                byte[] data = in.readNBytes(length);
                if (data.length != length) {
                    throw new EOFException("the encoder patch ends inside '" + name + "'");
                }
                if (kind == REPLACE) {
                    System.arraycopy(data, 0, result, range[0], length);
                } else if (kind == ADD) {
                    for (int i = 0; i < length; i++) {
                        result[range[0] + i] += data[i];
                    }
                } else {
                    throw new IOException("the encoder patch has an entry of unknown kind " + kind);
                }
            }
            if (!Arrays.equals(sha256(result), resultDigest)) {
                throw new IOException("the patched encoder is not the model the patch recorded (SHA-256 differs)");
            }
            return result;
        } catch (EOFException e) {
            throw new IOException("the encoder patch is cut short", e);
        }
    }

    /**
     * Where each initializer's raw bytes lie in an ONNX file: {@code ModelProto.graph} (field 7),
     * its {@code initializer}s (field 5), each {@code TensorProto}'s {@code name} (8) and
     * {@code raw_data} (9). Start inclusive, end exclusive.
     */
    static Map<String, int[]> rawDataRanges(byte[] model) throws IOException {
        Map<String, int[]> ranges = new HashMap<>();
        Protobuf top = new Protobuf(model, 0, model.length);
        while (top.next()) {
            if (top.number != 7 || top.wire != 2) {
                continue;
            }
            Protobuf graph = new Protobuf(model, top.start, top.end);
            while (graph.next()) {
                if (graph.number != 5 || graph.wire != 2) {
                    continue;
                }
                Protobuf tensor = new Protobuf(model, graph.start, graph.end);
                String name = null;
                int[] raw = null;
                while (tensor.next()) {
                    if (tensor.number == 8 && tensor.wire == 2) {
                        name = new String(model, tensor.start, tensor.end - tensor.start, StandardCharsets.UTF_8);
                    } else if (tensor.number == 9 && tensor.wire == 2) {
                        raw = new int[] {tensor.start, tensor.end};
                    }
                }
                if (name != null && raw != null) {
                    ranges.put(name, raw);
                }
            }
        }
        return ranges;
    }

    /** Walks the fields of one protobuf message: after {@link #next()}, a field's number, wire type and value's bounds. */
    private static final class Protobuf {
        private final byte[] bytes;
        private final int limit;
        private int position;
        int number;
        int wire;
        int start;
        int end;

        Protobuf(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.position = from;
            this.limit = to;
        }

        boolean next() throws IOException {
            if (position >= limit) {
                return false;
            }
            long tag = varint();
            number = (int) (tag >>> 3);
            wire = (int) (tag & 7);
            switch (wire) {
                case 0 -> {
                    start = position;
                    varint();
                    end = position;
                }
                case 1, 5 -> {
                    start = position;
                    end = position + (wire == 1 ? 8 : 4);
                }
                case 2 -> {
                    long length = varint();
                    start = position;
                    end = (int) Math.min(Integer.MAX_VALUE, position + length);
                }
                default -> throw new IOException("not an ONNX model: protobuf wire type " + wire + " at byte " + position);
            }
            if (end > limit || end < start) {
                throw new IOException("not an ONNX model: a field runs past its message at byte " + start);
            }
            position = end;
            return true;
        }

        private long varint() throws IOException {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= limit) {
                    throw new IOException("not an ONNX model: a number runs past its message");
                }
                byte b = bytes[position++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IOException("not an ONNX model: a number longer than 10 bytes");
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
