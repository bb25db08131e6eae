package dev.parley.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testkit.gguf.GgmlType;
import dev.parley.testkit.gguf.GgufWriter;
import dev.parley.testkit.gguf.TinyLlamaModel;
import dev.parley.testkit.gguf.TinyLoraAdapter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraAdapterHeaderTest {

    @TempDir
    Path dir;

    private final TinyLlamaModel model = TinyLlamaModel.builder().build();
    private GgufHeader base;

    @BeforeEach
    void writeBase() throws IOException {
        Path file = dir.resolve("base.gguf");
        model.writeTo(file);
        base = GgufHeader.read(file);
    }

    @Test
    void readLoraAdapter_tinyAdapter_isAcceptedWithItsPairs() throws IOException {
        Path file = dir.resolve("lora.gguf");
        TinyLoraAdapter.of(model).writeTo(file);

        GgufHeader adapter = GgufHeader.readLoraAdapter(file, base);

        assertThat(adapter.metadata()).containsEntry("general.type", "adapter").containsEntry("adapter.type", "lora");
        assertThat(adapter.tensors()).hasSize(2 * 3 * 2);
        assertThat(adapter.tensors().getFirst().name()).isEqualTo("blk.0.attn_q.weight.lora_a");
        assertThat(adapter.tensors().getFirst().dims()).containsExactly(64L, 4L);
    }

    @Test
    void readLoraAdapter_aWholeModel_saysItIsNotAnAdapter() {
        assertThatThrownBy(() -> GgufHeader.readLoraAdapter(base.file(), base))
                .isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("general.type is missing, not 'adapter'");
    }

    @Test
    void readLoraAdapter_forAnotherShapeOfModel_namesTheTensor() throws IOException {
        Path file = dir.resolve("wide.gguf");
        TinyLoraAdapter.of(TinyLlamaModel.builder().embedding(128).build()).writeTo(file);

        assertThatThrownBy(() -> GgufHeader.readLoraAdapter(file, base))
                .isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("blk.0.attn_q.weight")
                .hasMessageContaining("do not fit its shape [64, 64]");
    }

    @Test
    void readLoraAdapter_forAnotherArchitecture_saysSo() throws IOException {
        Path file = dir.resolve("qwen.gguf");
        new GgufWriter().putString("general.architecture", "qwen2").putString("general.type", "adapter")
                .putString("adapter.type", "lora").writeTo(file);

        assertThatThrownBy(() -> GgufHeader.readLoraAdapter(file, base))
                .isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("the adapter is for architecture 'qwen2', the model is llama");
    }

    @Test
    void readLoraAdapter_brokenPairsOrTypes_areRefused() throws IOException {
        Path noB = dir.resolve("no-b.gguf");
        adapterWriter().addTensor("blk.0.attn_q.weight.lora_a", GgmlType.F32, new long[] {64, 4}, () -> 0f).writeTo(noB);
        Path unknownWeight = dir.resolve("unknown.gguf");
        adapterWriter().addTensor("blk.9.attn_q.weight.lora_a", GgmlType.F32, new long[] {64, 4}, () -> 0f)
                .addTensor("blk.9.attn_q.weight.lora_b", GgmlType.F32, new long[] {4, 64}, () -> 0f).writeTo(unknownWeight);
        Path ranks = dir.resolve("ranks.gguf");
        adapterWriter().addTensor("blk.0.attn_q.weight.lora_a", GgmlType.F32, new long[] {64, 4}, () -> 0f)
                .addTensor("blk.0.attn_q.weight.lora_b", GgmlType.F32, new long[] {8, 64}, () -> 0f).writeTo(ranks);
        Path quantised = dir.resolve("q8.gguf");
        adapterWriter().addTensor("blk.0.attn_q.weight.lora_a", GgmlType.Q8_0, new long[] {64, 4}, () -> 0f)
                .addTensor("blk.0.attn_q.weight.lora_b", GgmlType.F32, new long[] {4, 64}, () -> 0f).writeTo(quantised);
        Path empty = dir.resolve("empty.gguf");
        adapterWriter().writeTo(empty);

        assertThatThrownBy(() -> GgufHeader.readLoraAdapter(noB, base)).hasMessageContaining("has no matching 'blk.0.attn_q.weight.lora_b'");
        assertThatThrownBy(() -> GgufHeader.readLoraAdapter(unknownWeight, base)).hasMessageContaining("adapts 'blk.9.attn_q.weight'");
        assertThatThrownBy(() -> GgufHeader.readLoraAdapter(ranks, base)).hasMessageContaining("disagree on the rank");
        assertThatThrownBy(() -> GgufHeader.readLoraAdapter(quantised, base)).hasMessageContaining("must be f32, f16 or bf16");
        assertThatThrownBy(() -> GgufHeader.readLoraAdapter(empty, base)).hasMessageContaining("adapts no tensor");
        for (Path bad : List.of(noB, unknownWeight, ranks, quantised, empty)) {
            assertThatThrownBy(() -> GgufHeader.readLoraAdapter(bad, base))
                    .isInstanceOf(InvalidModelFileException.class)
                    .hasMessageStartingWith("invalid model file " + bad + ": not a usable LoRA adapter: ")
                    .message().doesNotContain("\n");
        }
    }

    @Test
    void readLoraAdapter_missingFile_saysSo() {
        Path missing = dir.resolve("missing-lora.gguf");

        assertThatThrownBy(() -> GgufHeader.readLoraAdapter(missing, base))
                .isInstanceOf(InvalidModelFileException.class)
                .hasMessage("invalid model file " + missing + ": no such file");
    }

    private static GgufWriter adapterWriter() {
        return new GgufWriter().putString("general.architecture", "llama").putString("general.type", "adapter")
                .putString("adapter.type", "lora").putFloat32("adapter.lora.alpha", 4f);
    }
}
