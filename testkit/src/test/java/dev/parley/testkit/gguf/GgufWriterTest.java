package dev.parley.testkit.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GgufWriterTest {

    @Test
    void writesMagicVersionAndCounts() throws IOException {
        ByteBuffer file = write(new GgufWriter()
                .putString("general.architecture", "llama")
                .putUint32("llama.context_length", 512)
                .addTensor("t", GgmlType.F32, new long[] {4}, new float[] {1, 2, 3, 4}));

        assertThat(file.getInt()).isEqualTo(0x46554747); // "GGUF" read little-endian
        assertThat(file.getInt()).isEqualTo(3);
        assertThat(file.getLong()).isEqualTo(1);
        assertThat(file.getLong()).isEqualTo(2);
        assertThat(string(file)).isEqualTo("general.architecture");
        assertThat(file.getInt()).isEqualTo(GgufValueType.STRING.code());
        assertThat(string(file)).isEqualTo("llama");
        assertThat(string(file)).isEqualTo("llama.context_length");
        assertThat(file.getInt()).isEqualTo(GgufValueType.UINT32.code());
        assertThat(file.getInt()).isEqualTo(512);
    }

    @Test
    void writesArraysWithElementTypeAndCount() throws IOException {
        ByteBuffer file = write(new GgufWriter().putStringArray("tokens", List.of("a", "bc")));
        file.position(24);

        assertThat(string(file)).isEqualTo("tokens");
        assertThat(file.getInt()).isEqualTo(GgufValueType.ARRAY.code());
        assertThat(file.getInt()).isEqualTo(GgufValueType.STRING.code());
        assertThat(file.getLong()).isEqualTo(2);
        assertThat(string(file)).isEqualTo("a");
        assertThat(string(file)).isEqualTo("bc");
        assertThat(file.limit() % 32).isZero();
    }

    @Test
    void alignsDataSectionAndEveryTensorTo32Bytes() throws IOException {
        ByteBuffer file = write(new GgufWriter()
                .putString("k", "v")
                .addTensor("a", GgmlType.F32, new long[] {3}, new float[] {1, 2, 3})
                .addTensor("b", GgmlType.F32, new long[] {2}, new float[] {5, 6}));
        file.position(24);
        string(file);
        file.getInt();
        string(file);
        long[] offsets = new long[2];
        for (int i = 0; i < 2; i++) {
            string(file);
            int dims = file.getInt();
            for (int d = 0; d < dims; d++) {
                file.getLong();
            }
            assertThat(file.getInt()).isEqualTo(GgmlType.F32.code());
            offsets[i] = file.getLong();
        }
        int dataStart = (file.position() + 31) / 32 * 32;

        assertThat(offsets).containsExactly(0, 32);
        assertThat(file.getFloat(dataStart + 8)).isEqualTo(3f);
        assertThat(file.getFloat(dataStart + 32 + 4)).isEqualTo(6f);
        assertThat(file.limit()).isEqualTo(dataStart + 64);
    }

    @Test
    void encodesQ8ZeroBlocksWithAnF16ScaleAndSignedBytes() throws IOException {
        float[] values = new float[32];
        values[0] = 127f;
        values[1] = -63.5f;
        ByteBuffer file = write(new GgufWriter().addTensor("q", GgmlType.Q8_0, new long[] {32}, values));
        int dataStart = file.limit() - 64;

        assertThat(Float.float16ToFloat(file.getShort(dataStart))).isEqualTo(1f);
        assertThat(file.get(dataStart + 2)).isEqualTo((byte) 127);
        assertThat(file.get(dataStart + 3)).isEqualTo((byte) -64);
    }

    @Test
    void encodesQ4ZeroBlocksWithTheLargestMagnitudeAtMinusEight() throws IOException {
        float[] values = new float[32];
        values[0] = -16f; // the extreme: scale 2, nibble 0
        values[1] = 6f; // 6 / 2 + 8 = 11
        values[16] = 14f; // 7 + 8 = 15, the high nibble of byte 0
        ByteBuffer file = write(new GgufWriter().addTensor("q", GgmlType.Q4_0, new long[] {32}, values));
        int dataStart = file.limit() - 32; // 18 bytes, padded to the 32-byte alignment

        assertThat(Float.float16ToFloat(file.getShort(dataStart))).isEqualTo(2f);
        assertThat(file.get(dataStart + 2) & 0xff).isEqualTo(0 | 15 << 4);
        assertThat(file.get(dataStart + 3) & 0xff).isEqualTo(11 | 8 << 4);
        assertThat(file.get(dataStart + 4) & 0xff).isEqualTo(8 | 8 << 4); // zeros
    }

    @Test
    void rejectsDuplicateKeysAndShapesTheTypeCannotStore() {
        GgufWriter writer = new GgufWriter().putString("k", "v");

        assertThatThrownBy(() -> writer.putUint32("k", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.addTensor("q", GgmlType.Q8_0, new long[] {16}, new float[16]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GgufWriter(24)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failsWhenATensorSourceRunsShort() {
        GgufWriter writer = new GgufWriter().addTensor("t", GgmlType.F32, new long[] {4}, new float[] {1, 2});

        assertThatThrownBy(() -> writer.writeTo(new ByteArrayOutputStream()))
                .isInstanceOf(ArrayIndexOutOfBoundsException.class);
    }

    static ByteBuffer write(GgufWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writer.writeTo(bytes);
        return ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    }

    static String string(ByteBuffer file) {
        byte[] bytes = new byte[(int) file.getLong()];
        file.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
