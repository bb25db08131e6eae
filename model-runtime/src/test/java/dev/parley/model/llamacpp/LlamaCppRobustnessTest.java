package dev.parley.model.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken files, repeated loads, close racing a generation: Java exceptions, never a crashed JVM. */
class LlamaCppRobustnessTest {

    @TempDir
    static Path files;

    private static Path tinyModel;

    @BeforeAll
    static void writeTinyModel() throws IOException {
        tinyModel = TinyModelFiles.writeModel(files);
    }

    @Test
    void load_truncatedFiles_throwLlamaCppException() throws IOException {
        byte[] whole = Files.readAllBytes(tinyModel);
        // cuts inside the header, the key/values, the tensor infos and the tensor data
        List<Integer> cuts = List.of(4, 12, 24, 100, 1_000, 5_000, 20_000, whole.length / 2, whole.length - 1);
        for (int cut : cuts) {
            Path truncated = files.resolve("truncated-" + cut + ".gguf");
            Files.write(truncated, Arrays.copyOf(whole, cut));

            assertThatThrownBy(() -> LlamaCppModel.load(ModelParameters.of(truncated)))
                    .as("cut at %d of %d bytes", cut, whole.length)
                    .isInstanceOf(LlamaCppException.class)
                    .hasMessageContaining(truncated.toString());
        }
    }

    @Test
    void load_headerCorruptedInPlace_throwsLlamaCppException() throws IOException {
        byte[] bytes = Files.readAllBytes(tinyModel);
        // version 3 becomes 99, which llama.cpp refuses to read
        bytes[4] = 99;
        Path corrupted = files.resolve("bad-version.gguf");
        Files.write(corrupted, bytes);

        assertThatThrownBy(() -> LlamaCppModel.load(ModelParameters.of(corrupted)))
                .isInstanceOf(LlamaCppException.class)
                .hasMessageContaining("llama.cpp");
    }

    @Test
    void load_vocabularyWithOneTextTwice_throwsInsteadOfAborting() throws IOException {
        // llama.cpp's vocabulary loader GGML_ASSERTs on this (found by MutatedGgufTest)
        TinyLlamaModel base = TinyLlamaModel.builder().build();
        List<String> tokens = new ArrayList<>(base.tokens());
        tokens.set(300, tokens.get(299));
        Path file = files.resolve("duplicate-token.gguf");
        base.toWriter().remove("tokenizer.ggml.tokens").putStringArray("tokenizer.ggml.tokens", tokens).writeTo(file);

        assertThatThrownBy(() -> LlamaCppModel.load(ModelParameters.of(file)))
                .isInstanceOf(LlamaCppException.class)
                .hasMessageContaining("token 300 twice");
    }

    @Test
    void load_tokensThatAreNotStrings_throwInsteadOfAborting() throws IOException {
        // the old binding's crash trigger 7
        TinyLlamaModel base = TinyLlamaModel.builder().build();
        Path file = files.resolve("int-tokens.gguf");
        base.toWriter().remove("tokenizer.ggml.tokens")
                .putInt32Array("tokenizer.ggml.tokens", new int[base.vocabSize()])
                .writeTo(file);

        assertThatThrownBy(() -> LlamaCppModel.load(ModelParameters.of(file)))
                .isInstanceOf(LlamaCppException.class)
                .hasMessageContaining("not an array of strings");
    }

    @Test
    void load_missingDirectoryOrNonGguf_isRefusedInJava() throws IOException {
        Path text = Files.writeString(files.resolve("notes.gguf"), "not a model at all");

        assertThatThrownBy(() -> LlamaCppModel.load(ModelParameters.of(files.resolve("absent.gguf"))))
                .isInstanceOf(LlamaCppException.class).hasMessageContaining("no readable model file");
        assertThatThrownBy(() -> LlamaCppModel.load(ModelParameters.of(files)))
                .isInstanceOf(LlamaCppException.class).hasMessageContaining("no readable model file");
        assertThatThrownBy(() -> LlamaCppModel.load(ModelParameters.of(text)))
                .isInstanceOf(LlamaCppException.class).hasMessageContaining("not a GGUF file");
    }

    @Test
    void loadAndClose_twentyTimes_eachModelStillGenerates() {
        for (int i = 0; i < 20; i++) {
            try (LlamaCppModel model = LlamaCppModel.load(ModelParameters.of(tinyModel).withContextSize(64).withThreads(1));
                    Generation generation = model.generate(model.tokenize("hello", true, false), SamplerParameters.greedy(), 2)) {
                assertThat(generation.remaining()).as("round %d", i).hasSize(2);
            }
        }
    }

    @Test
    void close_isIdempotent_andLaterCallsAreStateErrors() {
        LlamaCppModel model = LlamaCppModel.load(ModelParameters.of(tinyModel).withContextSize(64));
        model.close();
        model.close();

        assertThat(model.isClosed()).isTrue();
        assertThatThrownBy(() -> model.tokenize("hello", false, false)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> model.generate(new int[] {300}, SamplerParameters.greedy(), 1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void close_whileAnotherThreadGenerates_endsThatGeneration() throws Exception {
        LlamaCppModel model = LlamaCppModel.load(ModelParameters.of(tinyModel).withContextSize(2048).withThreads(1));
        Generation generation = model.generate(model.tokenize("hello", true, false), SamplerParameters.greedy(), 2000);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<int[]> produced = new AtomicReference<>();
        Thread generator = Thread.ofPlatform().start(() -> {
            int count = 0;
            while (generation.next() != Generation.END) {
                started.countDown();
                count++;
            }
            produced.set(new int[] {count});
        });
        started.await();

        model.close();
        generator.join(10_000);

        assertThat(generator.isAlive()).isFalse();
        assertThat(produced.get()[0]).isBetween(1, 1999);
        assertThat(generation.stopReason()).contains(StopReason.CANCELLED);
        generation.close();
    }

    @Test
    void loadAndGenerate_startNoNonDaemonThread() {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        try (LlamaCppModel model = LlamaCppModel.load(ModelParameters.of(tinyModel).withContextSize(64).withThreads(2));
                Generation generation = model.generate(model.tokenize("hello", true, false), SamplerParameters.greedy(), 4)) {
            assertThat(generation.remaining()).hasSize(4);

            assertThat(Thread.getAllStackTraces().keySet())
                    .filteredOn(thread -> !thread.isDaemon() && !before.contains(thread))
                    .isEmpty();
        }
    }

    @Test
    void parameters_outOfRange_areRejectedBeforeAnyNativeCall() {
        assertThatThrownBy(() -> new ModelParameters(tinyModel, 8, 8, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contextSize");
        assertThatThrownBy(() -> new ModelParameters(tinyModel, 256, 512, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> new ModelParameters(tinyModel, 256, 64, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
        assertThatThrownBy(() -> new SamplerParameters(-1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SamplerParameters(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SamplerParameters(1, 1, 0xFFFF_FFFFL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChatMessage("user", "a\0b")).isInstanceOf(IllegalArgumentException.class);
    }
}
