package dev.parley.model.llama;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReplyTextTest {

    // pieces as SentencePiece has them: a leading space the detokenizer strips from a text's first
    // token, and the three bytes of "é…" split over byte tokens
    private static final List<byte[]> PIECES = List.of(
            " Hello".getBytes(StandardCharsets.UTF_8), " wor".getBytes(StandardCharsets.UTF_8), "ld".getBytes(StandardCharsets.UTF_8),
            new byte[] {' ', (byte) 0xC3}, new byte[] {(byte) 0xA9}, " <|im".getBytes(StandardCharsets.UTF_8),
            "_end|>".getBytes(StandardCharsets.UTF_8), " never".getBytes(StandardCharsets.UTF_8));

    private final List<Integer> windowSizes = new ArrayList<>();
    private final Function<int[], String> detokenizer = ids -> {
        windowSizes.add(ids.length);
        var bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < ids.length; i++) {
            byte[] piece = PIECES.get(ids[i]);
            int skip = i == 0 && piece[0] == ' ' ? 1 : 0;
            bytes.write(piece, skip, piece.length - skip);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    };

    @Test
    void add_handsOutTheWholeTextOnceWithSpacesAndSplitCharactersIntactAndCutsAtTheStopString() {
        ReplyText text = new ReplyText(detokenizer, List.of("<|im_end|>"));
        StringBuilder reply = new StringBuilder();
        for (int token = 0; token < PIECES.size() && !text.stopped(); token++) {
            String piece = text.add(token);
            assertThat(piece).doesNotContain("\uFFFD");
            reply.append(piece);
        }

        assertThat(text.stopped()).isTrue();
        assertThat(reply.toString()).isEqualTo("Hello world é ");
        assertThat(text.finish()).isEmpty();
    }

    @Test
    void add_decodesAShortWindowNotTheWholeReply() {
        ReplyText text = new ReplyText(detokenizer, List.of());
        for (int round = 0; round < 50; round++) {
            text.add(1);
        }

        assertThat(windowSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(2));
        assertThat(text.finish()).isEmpty();
    }
}
