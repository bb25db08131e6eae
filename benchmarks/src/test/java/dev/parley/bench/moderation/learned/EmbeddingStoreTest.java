package dev.parley.bench.moderation.learned;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.moderation.learned.TextEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingStoreTest {

    /** A two-dimensional encoder that counts its calls: the vector is the text's length and first character. */
    private static final class CountingEncoder implements TextEncoder {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public float[] encode(String text) {
            calls.incrementAndGet();
            return new float[] {text.length(), text.charAt(0)};
        }
    }

    @Test
    void vectorsAreKeptBetweenRuns_andNotEncodedAgain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vectors.bin");
        new EmbeddingStore(file, new CountingEncoder()).vectors(List.of("alpha", "be"), 1);

        CountingEncoder second = new CountingEncoder();
        List<float[]> vectors = new EmbeddingStore(file, second).vectors(List.of("be", "alpha"), 1);

        assertThat(second.calls).hasValue(0);
        assertThat(vectors).containsExactly(new float[] {2, 'b'}, new float[] {5, 'a'});
    }

    @Test
    void aRunStoppedMidRecord_leavesACacheThatStillReadsAndAppends(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vectors.bin");
        new EmbeddingStore(file, new CountingEncoder()).vectors(List.of("alpha"), 1);
        long whole = Files.size(file);
        Files.write(file, new byte[] {1, 2, 3, 4, 5}, StandardOpenOption.APPEND); // part of a key

        CountingEncoder second = new CountingEncoder();
        new EmbeddingStore(file, second).vectors(List.of("alpha", "gamma"), 1);
        assertThat(second.calls).hasValue(1);
        assertThat(Files.size(file)).isEqualTo(2 * whole);

        CountingEncoder third = new CountingEncoder();
        List<float[]> vectors = new EmbeddingStore(file, third).vectors(List.of("gamma", "alpha"), 1);
        assertThat(third.calls).hasValue(0);
        assertThat(vectors).containsExactly(new float[] {5, 'g'}, new float[] {5, 'a'});
    }
}
