package dev.parley.model.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 seeded mutations of a generated model's header region (where llama.cpp's GGUF parser
 * works): each one either loads or throws {@link LlamaCppException}; none ends the JVM.
 */
class MutatedGgufTest {

    private static final int FILES = 200;

    @Test
    void load_mutatedHeaders_loadOrThrowButNeverCrash(@TempDir Path files) throws Exception {
        Path original = TinyModelFiles.writeModel(files);
        byte[] whole = Files.readAllBytes(original);
        int headerEnd = headerEnd(whole);
        SplittableRandom random = new SplittableRandom(16);
        int refused = 0;
        for (int i = 0; i < FILES; i++) {
            byte[] bytes = whole.clone();
            mutate(bytes, headerEnd, random);
            Path file = files.resolve("mutated-" + i + ".gguf");
            Files.write(file, bytes);
            try (LlamaCppModel model = LlamaCppModel.load(ModelParameters.of(file).withContextSize(64).withThreads(1))) {
                assertThat(model.vocabSize()).isPositive();
            } catch (LlamaCppException e) {
                assertThat(e.getMessage()).as("mutation %d", i).isNotBlank();
                refused++;
            }
            Files.delete(file);
        }
        // most mutations of lengths, types and counts must be caught, not silently accepted
        assertThat(refused).isGreaterThan(FILES / 4);
    }

    /** One to four changes in the header: random bytes, or a 32/64-bit count or length set to 0, huge or all ones. */
    private static void mutate(byte[] bytes, int headerEnd, SplittableRandom random) {
        int changes = 1 + random.nextInt(4);
        for (int c = 0; c < changes; c++) {
            int at = 4 + random.nextInt(headerEnd - 12);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> {
                    long value = switch (random.nextInt(3)) {
                        case 0 -> 0L;
                        case 1 -> 0x7FFF_FFFFL;
                        default -> -1L;
                    };
                    for (int b = 0; b < 8; b++) {
                        bytes[at + b] = (byte) (value >>> (8 * b));
                    }
                }
                default -> bytes[at] = 0;
            }
        }
    }

    /** Where the tensor data starts, roughly: the last tensor name in the file ends the header. */
    private static int headerEnd(byte[] bytes) {
        byte[] marker = "output.weight".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = bytes.length - marker.length; i >= 0; i--) {
            if (java.util.Arrays.equals(bytes, i, i + marker.length, marker, 0, marker.length)) {
                return i + marker.length + 40;
            }
        }
        throw new IllegalStateException("no tensor infos found");
    }
}
