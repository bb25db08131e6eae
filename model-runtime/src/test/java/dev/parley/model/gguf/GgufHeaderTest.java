package dev.parley.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.model.ModelException;
import dev.parley.testkit.gguf.GgmlType;
import dev.parley.testkit.gguf.GgufWriter;
import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufHeaderTest {

    @TempDir
    Path dir;

    @Test
    void read_tinyModel_summarisesArchitectureTemplateSpecialTokensAndTensors() throws IOException {
        Path file = tinyModel(TinyLlamaModel.builder().build());

        GgufHeader header = GgufHeader.read(file);

        assertThat(header.version()).isEqualTo(3);
        assertThat(header.architecture()).isEqualTo("llama");
        assertThat(header.contextLength()).hasValue(2048);
        assertThat(header.chatTemplate()).isEqualTo(TinyLlamaModel.CHATML_TEMPLATE);
        assertThat(header.tokenCount()).isEqualTo(512);
        assertThat(header.specialTokens()).containsExactly("<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>");
        assertThat(header.metadata()).containsEntry("llama.embedding_length", 64L)
                .containsEntry("tokenizer.ggml.bos_token_id", 1L)
                .containsEntry("tokenizer.ggml.add_bos_token", true)
                .doesNotContainKey("tokenizer.ggml.tokens");
        assertThat((Double) header.metadata().get("llama.attention.layer_norm_rms_epsilon")).isCloseTo(1e-5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(header.tensors()).hasSize(1 + 2 * 9 + 2);
        TensorInfo embeddings = header.tensors().getFirst();
        assertThat(embeddings.name()).isEqualTo("token_embd.weight");
        assertThat(embeddings.dims()).containsExactly(64L, 512L);
        assertThat(embeddings.byteSize()).isEqualTo(64 * 512 * 4);
    }

    @Test
    void read_modelWithoutChatTemplate_hasNullTemplate() throws IOException {
        Path file = tinyModel(TinyLlamaModel.builder().noChatTemplate().matrixType(GgmlType.Q8_0).build());

        assertThat(GgufHeader.read(file).chatTemplate()).isNull();
    }

    @Test
    void read_missingFile_saysSo() {
        assertInvalid(dir.resolve("nope.gguf")).hasMessageContaining("no such file");
    }

    @Test
    void read_directory_saysSo() {
        assertInvalid(dir).hasMessageContaining("directory");
    }

    @Test
    void read_emptyFile_saysSo() throws IOException {
        assertInvalid(Files.createFile(dir.resolve("empty.gguf"))).hasMessageContaining("empty");
    }

    @Test
    void read_wrongMagic_saysItIsNotGguf() throws IOException {
        Path file = Files.writeString(dir.resolve("page.gguf"), "<!DOCTYPE html><html>not found</html>");

        assertInvalid(file).hasMessageContaining("not a GGUF file");
    }

    @Test
    void read_unsupportedVersion_namesTheVersion() throws IOException {
        Path file = tinyModel(TinyLlamaModel.builder().build());
        patchInt(file, 4, 7);

        assertInvalid(file).hasMessageContaining("unsupported GGUF version 7");
    }

    @Test
    void read_truncatedHeader_saysWhereTheFileEnds() throws IOException {
        Path file = truncated(tinyModel(TinyLlamaModel.builder().build()), 12);

        assertInvalid(file).hasMessageContaining("truncated").hasMessageContaining("header");
    }

    @Test
    void read_truncatedMetadata_namesTheKey() throws IOException {
        Path file = tinyModel(TinyLlamaModel.builder().build());
        truncated(file, indexOf(file, "<0x41>"));

        assertInvalid(file).hasMessageContaining("truncated").hasMessageContaining("tokenizer.ggml.tokens");
    }

    @Test
    void read_truncatedTensorInfos_saysSo() throws IOException {
        Path file = tinyModel(TinyLlamaModel.builder().build());
        truncated(file, indexOf(file, "output_norm.weight") + 5);

        assertInvalid(file).hasMessageContaining("truncated").hasMessageContaining("tensor infos");
    }

    @Test
    void read_tensorDataBeyondEndOfFile_namesTheTensor() throws IOException {
        Path file = tinyModel(TinyLlamaModel.builder().build());
        truncated(file, Files.size(file) - 1000);

        assertInvalid(file).hasMessageContaining("output.weight").hasMessageContaining("beyond the end of the file");
    }

    @Test
    void read_stringLengthBeyondFileSize_isRejectedBeforeAllocating() throws IOException {
        Path file = tinyModel(TinyLlamaModel.builder().build());
        patchLong(file, 24, 1L << 40); // the length of the first key

        assertInvalid(file).hasMessageContaining("beyond the end of the file");
    }

    @Test
    void read_hugeTokenLength_isRejected_crashTrigger8() throws IOException {
        Path file = tinyModel(TinyLlamaModel.builder().build());
        patchLong(file, indexOf(file, "<|im_start|>") - 8, 0x7fff_ffff_ffffL);

        assertInvalid(file).hasMessageContaining("token 259").hasMessageContaining("beyond the end of the file");
    }

    @Test
    void read_impossibleCounts_areRejected() throws IOException {
        Path metadata = tinyModel(TinyLlamaModel.builder().build());
        patchLong(metadata, 16, 1_000_000_000_000L);
        Path tensors = tinyModel(TinyLlamaModel.builder().build());
        patchLong(tensors, 8, 1_000_000_000L);

        assertInvalid(metadata).hasMessageContaining("metadata count 1000000000000 is impossible");
        assertInvalid(tensors).hasMessageContaining("tensor count 1000000000 is impossible");
    }

    @Test
    void read_tokensMissing_isRejected() throws IOException {
        Path file = write(new GgufWriter().putString("general.architecture", "llama"));

        assertInvalid(file).hasMessageContaining("no tokenizer.ggml.tokens");
    }

    @Test
    void read_tokensNotStrings_isRejected_crashTrigger7() throws IOException {
        Path file = write(new GgufWriter()
                .putString("general.architecture", "llama")
                .putInt32Array("tokenizer.ggml.tokens", new int[] {1, 2, 3}));

        assertInvalid(file).hasMessageContaining("tokenizer.ggml.tokens is an array of i32, not of strings");
    }

    @Test
    void read_tokensAScalar_isRejected() throws IOException {
        Path file = write(new GgufWriter()
                .putString("general.architecture", "llama")
                .putString("tokenizer.ggml.tokens", "a b c"));

        assertInvalid(file).hasMessageContaining("no tokenizer.ggml.tokens");
    }

    @Test
    void read_unknownOrMissingArchitecture_isRejected() throws IOException {
        Path unknown = write(new GgufWriter()
                .putString("general.architecture", "qwen9")
                .putStringArray("tokenizer.ggml.tokens", List.of("a")));
        Path missing = write(new GgufWriter().putStringArray("tokenizer.ggml.tokens", List.of("a")));

        assertInvalid(unknown).hasMessageContaining("architecture 'qwen9' is not supported");
        assertInvalid(missing).hasMessageContaining("no general.architecture");
    }

    @Test
    void read_misalignedTensorOffset_isRejected() throws IOException {
        Path file = write(new GgufWriter()
                .putString("general.architecture", "llama")
                .putStringArray("tokenizer.ggml.tokens", List.of("a"))
                .putUint32("general.alignment", 64)
                .addTensor("a", GgmlType.F32, new long[] {8}, new float[8])
                .addTensor("b", GgmlType.F32, new long[] {8}, new float[8]));

        assertInvalid(file).hasMessageContaining("tensor 'b' has offset 32, not a multiple of the alignment 64");
    }

    @Test
    void read_anyPrefixOfAValidFile_failsWithAOneLineMessage() throws IOException {
        Path whole = tinyModel(TinyLlamaModel.builder().embedding(32).heads(2).feedForward(32).build());
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.gguf");
        for (int length = 0; length < bytes.length; length += length < 16_384 ? 13 : 4093) {
            Files.write(cut, Arrays.copyOf(bytes, length));

            assertThatThrownBy(() -> GgufHeader.read(cut))
                    .isInstanceOf(InvalidModelFileException.class)
                    .isInstanceOf(ModelException.class)
                    .message().doesNotContain("\n").contains(cut.toString());
        }
    }

    @Test
    void read_randomlyCorruptedHeaders_eitherPassOrFailWithInvalidModelFile() throws IOException {
        Path whole = tinyModel(TinyLlamaModel.builder().embedding(32).heads(2).feedForward(32).build());
        byte[] bytes = Files.readAllBytes(whole);
        int headerEnd = indexOf(whole, "output.weight") + 40;
        Random random = new Random(20261126);
        Path corrupt = dir.resolve("corrupt.gguf");
        for (int run = 0; run < 300; run++) {
            byte[] copy = bytes.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                copy[random.nextInt(headerEnd)] = (byte) random.nextInt(256);
            }
            Files.write(corrupt, copy);
            try {
                GgufHeader.read(corrupt);
            } catch (InvalidModelFileException expected) {
                assertThat(expected.getMessage()).doesNotContain("\n");
            }
        }
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(Path file) {
        return assertThatThrownBy(() -> GgufHeader.read(file))
                .isInstanceOf(InvalidModelFileException.class)
                .hasMessageStartingWith("invalid model file " + file + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private Path tinyModel(TinyLlamaModel model) throws IOException {
        Path file = Files.createTempFile(dir, "model", ".gguf");
        model.writeTo(file);
        return file;
    }

    private Path write(GgufWriter writer) throws IOException {
        Path file = Files.createTempFile(dir, "file", ".gguf");
        writer.writeTo(file);
        return file;
    }

    private static Path truncated(Path file, long length) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, (int) length));
        return file;
    }

    private static int indexOf(Path file, String text) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(text + " not found in " + file);
    }

    private static void patchInt(Path file, int position, int value) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(position, value);
        Files.write(file, bytes);
    }

    private static void patchLong(Path file, int position, long value) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(position, value);
        Files.write(file, bytes);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"qwen3", "qwen3moe", "gemma3n", "gpt-oss", "smollm3",
        "granitehybrid", "llama4", "llama", "qwen2"})
    void architectures_includeThoseOfTheAugust2026LlamaCpp(String architecture) {
        // the models issue #16 names as not loading on the March 2025 llama.cpp
        assertThat(GgufHeader.LLAMA_CPP_ARCHITECTURES).contains(architecture);
        assertThat(GgufHeader.LLAMA_CPP_ARCHITECTURES).doesNotContain("clip");
    }
}
