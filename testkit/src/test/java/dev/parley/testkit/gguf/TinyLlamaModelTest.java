package dev.parley.testkit.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyLlamaModelTest {

    @TempDir
    Path dir;

    @Test
    void laysOutSpecialByteAndControlTokensFirst() {
        TinyLlamaModel model = TinyLlamaModel.builder().build();
        List<String> tokens = model.tokens();

        assertThat(tokens).hasSize(512).startsWith("<unk>", "<s>", "</s>", "<0x00>", "<0x01>");
        assertThat(tokens.get(258)).isEqualTo("<0xFF>");
        assertThat(tokens.get(TinyLlamaModel.IM_START_ID)).isEqualTo("<|im_start|>");
        assertThat(tokens.get(TinyLlamaModel.IM_END_ID)).isEqualTo("<|im_end|>");
        assertThat(tokens).contains("\u2581the", "\u2581hello", "a");
        assertThat(new HashSet<>(tokens)).hasSameSizeAs(tokens);
        assertThat(model.tokenType(TinyLlamaModel.IM_END_ID)).isEqualTo(3);
        assertThat(model.tokenType(65)).isEqualTo(6);
        assertThat(model.tokenType(300)).isEqualTo(1);
    }

    @Test
    void sameSeedWritesSameBytesAndAnotherSeedDoesNot() throws IOException {
        Path first = dir.resolve("a.gguf");
        Path second = dir.resolve("b.gguf");
        Path other = dir.resolve("c.gguf");
        TinyLlamaModel.builder().seed(7).build().writeTo(first);
        TinyLlamaModel.builder().seed(7).build().writeTo(second);
        TinyLlamaModel.builder().seed(8).build().writeTo(other);

        assertThat(Files.mismatch(first, second)).isEqualTo(-1);
        assertThat(Files.mismatch(first, other)).isNotEqualTo(-1);
    }

    @Test
    void defaultModelIsUnderAMegabyte() throws IOException {
        Path file = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(file);

        assertThat(Files.size(file)).isBetween(500_000L, 1_000_000L);
    }

    @Test
    void quantisedModelIsSmallerThanF32() throws IOException {
        Path f32 = dir.resolve("f32.gguf");
        Path q8 = dir.resolve("q8.gguf");
        TinyLlamaModel.builder().build().writeTo(f32);
        TinyLlamaModel.builder().matrixType(GgmlType.Q8_0).build().writeTo(q8);

        assertThat(Files.size(q8)).isLessThan(Files.size(f32) / 3);
    }

    @Test
    void commandLineWritesAModelWithTheGivenSize() throws IOException {
        Path file = dir.resolve("cli.gguf");
        TinyLlamaModel.main(new String[] {file.toString(), "--embedding", "32", "--heads", "2", "--vocab", "600"});

        assertThat(Files.size(file)).isPositive();
    }

    @Test
    void rejectsHeadSizesBelowSixteenAndTooSmallVocabularies() {
        assertThatThrownBy(() -> TinyLlamaModel.builder().embedding(64).heads(8).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TinyLlamaModel.builder().vocabSize(100).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vocabSize");
    }

    @Test
    void bytePairVocabulary_bytesThenLearnedSymbolsThenControlTokens() {
        TinyLlamaModel model = TinyLlamaModel.builder().vocabulary(Vocabulary.BYTE_LEVEL_BPE).build();
        List<String> tokens = model.tokens();

        assertThat(tokens).hasSize(512).startsWith("\u0100", "\u0101").endsWith("<|endoftext|>", "<|im_start|>", "<|im_end|>");
        assertThat(tokens.get(' ')).isEqualTo("\u0120");
        assertThat(tokens.get('a')).isEqualTo("a");
        assertThat(tokens).contains("\u0120the", "\u0120obrigado", "\u00C3\u00A7\u00C3\u00A3o") // " the", " obrigado", "ção"
                .doesNotContain("<unk>", "<s>", "<0x41>");
        assertThat(new HashSet<>(tokens)).hasSameSizeAs(tokens);
        assertThat(model.tokenType(0)).isEqualTo(1);
        assertThat(model.tokenType(300)).isEqualTo(1);
        assertThat(model.tokenType(model.tokenId("<|im_start|>"))).isEqualTo(3);
        assertThat(model.tokenId("<|im_end|>")).isEqualTo(511);
    }

    @Test
    void bytePairVocabulary_mergesMakeOnlyItsTokens_andPadsWhenTheTextRunsOut() {
        BytePairVocabulary small = new BytePairVocabulary(512, List.of());
        BytePairVocabulary large = new BytePairVocabulary(2000, List.of("<|eot_id|>"));

        assertThat(small.merges()).hasSizeGreaterThanOrEqualTo(512 - 259).allSatisfy(merge -> assertThat(
                small.tokens()).contains(merge.replace(" ", "")));
        assertThat(large.merges()).hasSizeGreaterThan(small.merges().size()).startsWith(small.merges().toArray(String[]::new));
        List<String> tokens = large.tokens();
        assertThat(tokens.get(1500)).isEqualTo("[PAD1500]");
        assertThat(large.tokenType(1500)).isEqualTo(5);
        assertThat(tokens.getLast()).isEqualTo("<|eot_id|>");
        assertThat(large.tokenType(1999)).isEqualTo(3);
    }

    @Test
    void bytePairVocabulary_sameSettingsWriteSameBytes() throws IOException {
        Path first = dir.resolve("a.gguf");
        Path second = dir.resolve("b.gguf");
        TinyLlamaModel.builder().vocabulary(Vocabulary.BYTE_LEVEL_BPE).build().writeTo(first);
        TinyLlamaModel.main(new String[] {second.toString(), "--vocabulary", "byte_level_bpe"});

        assertThat(Files.mismatch(first, second)).isEqualTo(-1);
        assertThatThrownBy(() -> TinyLlamaModel.builder().vocabulary(Vocabulary.BYTE_LEVEL_BPE).vocabSize(259).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vocabSize");
    }
}
