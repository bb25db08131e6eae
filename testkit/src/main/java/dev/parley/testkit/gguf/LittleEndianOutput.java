package dev.parley.testkit.gguf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A byte sink that writes GGUF's little-endian primitives and counts what it wrote. */
final class LittleEndianOutput {

    private final OutputStream out;
    private final byte[] scratch = new byte[8];
    private long written;

    LittleEndianOutput(OutputStream out) {
        this.out = out;
    }

    long written() {
        return written;
    }

    void u8(int value) throws IOException {
        out.write(value);
        written++;
    }

    void u16(int value) throws IOException {
        scratch[0] = (byte) value;
        scratch[1] = (byte) (value >>> 8);
        out.write(scratch, 0, 2);
        written += 2;
    }

    void u32(int value) throws IOException {
        for (int i = 0; i < 4; i++) {
            scratch[i] = (byte) (value >>> (8 * i));
        }
        out.write(scratch, 0, 4);
        written += 4;
    }

    void u64(long value) throws IOException {
        for (int i = 0; i < 8; i++) {
            scratch[i] = (byte) (value >>> (8 * i));
        }
        out.write(scratch, 0, 8);
        written += 8;
    }

    void f32(float value) throws IOException {
        u32(Float.floatToRawIntBits(value));
    }

    void f64(double value) throws IOException {
        u64(Double.doubleToRawLongBits(value));
    }

    void bytes(byte[] value) throws IOException {
        out.write(value);
        written += value.length;
    }

    /** A GGUF string: u64 byte length, then UTF-8 bytes without a terminator. */
    void string(String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        u64(utf8.length);
        bytes(utf8);
    }

    void zeros(long count) throws IOException {
        for (long i = 0; i < count; i++) {
            u8(0);
        }
    }
}
