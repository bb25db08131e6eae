package dev.parley.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class EncoderPatchTest {

    /** One patch entry: kind 0 replaces the initializer's bytes, kind 1 adds to each. */
    private record Entry(String name, int kind, byte[] data) {
    }

    @Test
    void apply_replacesAndAddsToTheNamedInitializers_andLeavesEveryOtherByte() throws Exception {
        byte[] base = model(Map.entry("w", new byte[] {1, 2, (byte) 255, 4}), Map.entry("b", new byte[] {9, 9}));
        byte[] expected = model(Map.entry("w", new byte[] {1, 5, 1, 4}), Map.entry("b", new byte[] {7, 8}));

        byte[] patched = EncoderPatch.apply(base, patch(base, expected,
                List.of(new Entry("w", 1, new byte[] {0, 3, 2, 0}), new Entry("b", 0, new byte[] {7, 8}))));

        assertThat(patched).isEqualTo(expected);
    }

    @Test
    void apply_refusesAnotherBaseModel() throws Exception {
        byte[] base = model(Map.entry("w", new byte[] {1, 2}));
        byte[] other = model(Map.entry("w", new byte[] {1, 3}));
        byte[] patch = patch(base, base, List.of()).readAllBytes();

        assertThatThrownBy(() -> EncoderPatch.apply(other, new ByteArrayInputStream(patch)))
                .hasMessageContaining("another base model");
    }

    @Test
    void apply_refusesAPatchThatDoesNotGiveTheModelItRecorded() throws Exception {
        byte[] base = model(Map.entry("w", new byte[] {1, 2}));

        assertThatThrownBy(() -> EncoderPatch.apply(base, patch(base, base, List.of(new Entry("w", 1, new byte[] {0, 1})))))
                .hasMessageContaining("not the model the patch recorded");
    }

    @Test
    void apply_namesAnInitializerTheModelLacks_orHoldsAtAnotherSize() throws Exception {
        byte[] base = model(Map.entry("w", new byte[] {1, 2}));

        assertThatThrownBy(() -> EncoderPatch.apply(base, patch(base, base, List.of(new Entry("gone", 0, new byte[] {1})))))
                .hasMessageContaining("'gone'").hasMessageContaining("does not hold");
        assertThatThrownBy(() -> EncoderPatch.apply(base, patch(base, base, List.of(new Entry("w", 0, new byte[] {1, 2, 3})))))
                .hasMessageContaining("'w'").hasMessageContaining("another size");
    }

    @Test
    void apply_refusesWhatIsNotAPatch_orIsCutShort() throws Exception {
        byte[] base = model(Map.entry("w", new byte[] {1, 2}));
        byte[] whole = patch(base, base, List.of(new Entry("w", 0, new byte[] {1, 2}))).readAllBytes();
        byte[] cut = gzip(Arrays.copyOf(ungzipped(base, base, List.of(new Entry("w", 0, new byte[] {1, 2}))), 40));

        assertThat(EncoderPatch.apply(base, new ByteArrayInputStream(whole))).isEqualTo(base);
        assertThatThrownBy(() -> EncoderPatch.apply(base, new ByteArrayInputStream(gzip("PK not a patch".getBytes(StandardCharsets.UTF_8)))))
                .hasMessageContaining("not an encoder patch");
        assertThatThrownBy(() -> EncoderPatch.apply(base, new ByteArrayInputStream(cut)))
                .hasMessageContaining("cut short");
    }

    @Test
    void rawDataRanges_findsTheWeightsOfTheRealEncoder() throws Exception {
        byte[] model;
        try (InputStream in = EncoderPatchTest.class.getResourceAsStream(EncoderModel.ALL_MINILM_L6_V2_Q.modelResource())) {
            model = in.readAllBytes();
        }

        Map<String, int[]> ranges = EncoderPatch.rawDataRanges(model);

        // the first layer's query weights, 8-bit, 384 by 384
        int[] query = ranges.get("onnx::MatMul_787_quantized");
        assertThat(query[1] - query[0]).isEqualTo(384 * 384);
        assertThat(ranges.get("encoder.layer.5.output.LayerNorm.bias")).satisfies(r -> assertThat(r[1] - r[0]).isEqualTo(384 * 4));
    }

    @Test
    void rawDataRanges_refusesBytesThatAreNotProtobuf() {
        byte[] garbage = {0x0F, 0x01, 0x02};

        assertThatThrownBy(() -> EncoderPatch.rawDataRanges(garbage)).hasMessageContaining("not an ONNX model");
    }

    /** A ModelProto with ir_version 7 and a graph of raw initializers, as ONNX writes them. */
    @SafeVarargs
    private static byte[] model(Map.Entry<String, byte[]>... initializers) throws IOException {
        ByteArrayOutputStream graph = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> initializer : initializers) {
            ByteArrayOutputStream tensor = new ByteArrayOutputStream();
            tensor.write(new byte[] {0x08, (byte) initializer.getValue().length}); // dims
            tensor.write(new byte[] {0x10, 0x03}); // data_type int8
            field(tensor, 8, initializer.getKey().getBytes(StandardCharsets.UTF_8));
            field(tensor, 9, initializer.getValue());
            field(graph, 5, tensor.toByteArray());
        }
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        model.write(new byte[] {0x08, 0x07});
        field(model, 7, graph.toByteArray());
        return model.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] value) {
        out.write(number << 3 | 2);
        out.write(value.length); // every value here is shorter than 128 bytes
        out.writeBytes(value);
    }

    private static InputStream patch(byte[] base, byte[] result, List<Entry> entries) throws Exception {
        return new ByteArrayInputStream(gzip(ungzipped(base, result, entries)));
    }

    private static byte[] ungzipped(byte[] base, byte[] result, List<Entry> entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("PEP1".getBytes(StandardCharsets.US_ASCII));
        out.write(MessageDigest.getInstance("SHA-256").digest(base));
        out.write(MessageDigest.getInstance("SHA-256").digest(result));
        out.writeInt(entries.size());
        for (Entry entry : entries) {
            byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
            out.writeShort(name.length);
            out.write(name);
            out.writeByte(entry.kind());
            out.writeInt(entry.data().length);
            out.write(entry.data());
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
