package dev.parley.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ReplyStreamTest {

    /** Pieces from a list, failing as generation would at read number {@code failAt} (-1: never). */
    private static final class ListedStream implements ReplyStream {
        private final Deque<String> pieces;
        private final int failAt;
        private int read;

        ListedStream(List<String> pieces, int failAt) {
            this.pieces = new ArrayDeque<>(pieces);
            this.failAt = failAt;
        }

        @Override
        public @Nullable String next() {
            if (read++ == failAt) {
                throw new ModelException("decode failed");
            }
            return pieces.pollFirst();
        }

        @Override
        public void close() {
            pieces.clear();
        }
    }

    @Test
    void rest_joinsThePiecesNotReadYet() {
        ReplyStream stream = new ListedStream(List.of("Hel", "lo", ", ", "world"), -1);

        assertThat(stream.next()).isEqualTo("Hel");
        assertThat(stream.rest()).isEqualTo("lo, world");
        assertThat(stream.rest()).as("once complete").isEmpty();
    }

    @Test
    void rest_passesAGenerationFailureOn() {
        ReplyStream stream = new ListedStream(List.of("a", "b", "c"), 2);

        assertThatThrownBy(stream::rest).isInstanceOf(ModelException.class).hasMessage("decode failed");
    }
}
