package dev.parley.model.llama;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

    // one detokenizer call a token (issue #16: each is a JNI call); the anchor is decoded alone
    // only after a window of several tokens (here the split "é"), whose last token's own text is unknown
    @Test
    void add_callsTheDetokenizerOnceATokenBut_afterACharacterSplitOverTokens() {
        ReplyText text = new ReplyText(detokenizer, List.of("<|im_end|>"));
        List<Integer> calls = new ArrayList<>();
        StringBuilder reply = new StringBuilder();
        for (int token = 0; token < PIECES.size() && !text.stopped(); token++) {
            int before = windowSizes.size();
            reply.append(text.add(token));
            calls.add(windowSizes.size() - before);
        }

        // " Hello", " wor", "ld", " \xC3", "\xA9" (settles both), " <|im" (+ the anchor "\xA9" alone), "_end|>"
        assertThat(calls).containsExactly(1, 1, 1, 1, 1, 2, 1);
        assertThat(reply.toString()).isEqualTo("Hello world é ");
    }

    @Test
    void add_aLongReplyOfWholePieces_makesExactlyOneCallAToken() {
        ReplyText text = new ReplyText(detokenizer, List.of("<|im_end|>"));
        StringBuilder reply = new StringBuilder();
        for (int round = 0; round < 100; round++) {
            reply.append(text.add(round % 3));
        }
        assertThat(windowSizes).hasSize(100);
        reply.append(text.finish());

        assertThat(reply.toString()).isEqualTo("Hello world" + " Hello world".repeat(32) + " Hello");
    }

    /**
     * Streamed text is the whole reply decoded at once, cut at the first stop string, for random
     * replies of pieces with and without leading spaces, pieces of spaces only (where the
     * anchor's own text is ambiguous and it is decoded alone), characters of two to four bytes
     * split over byte tokens, and stop strings split over tokens; with a detokenizer that strips
     * a first token's leading space (SentencePiece) and one that does not (byte-level BPE).
     */
    @Test
    void add_streamsExactlyTheWholeDecodedText_forRandomRepliesWithSplitCharactersAndStopStrings() {
        List<byte[]> pieces = new ArrayList<>();
        for (String piece : List.of(" the", "the", " cat", "s", ".", " ", "  ", "   x", "\n", " <|im", "_end|>", "<|im_end|>",
                "END", " E", "ND", "é", " 日本")) {
            pieces.add(piece.getBytes(StandardCharsets.UTF_8));
        }
        int firstByteToken = pieces.size();
        // é (2 bytes), 語 (3), 😀 (4), each byte a token, some with a leading space
        for (String character : List.of("é", "語", "😀")) {
            for (byte b : character.getBytes(StandardCharsets.UTF_8)) {
                pieces.add(new byte[] {b});
            }
        }
        pieces.add(new byte[] {' ', (byte) 0xE8});
        int[][] characters = {{firstByteToken, firstByteToken + 1}, {firstByteToken + 2, firstByteToken + 3, firstByteToken + 4},
                {firstByteToken + 5, firstByteToken + 6, firstByteToken + 7, firstByteToken + 8}, {pieces.size() - 1, firstByteToken + 3, firstByteToken + 4}};
        Random random = new Random(16);
        for (boolean strips : List.of(true, false)) {
            Function<int[], String> decode = ids -> {
                var bytes = new java.io.ByteArrayOutputStream();
                for (int i = 0; i < ids.length; i++) {
                    byte[] piece = pieces.get(ids[i]);
                    int skip = strips && i == 0 && piece[0] == ' ' ? 1 : 0;
                    bytes.write(piece, skip, piece.length - skip);
                }
                return bytes.toString(StandardCharsets.UTF_8);
            };
            for (int reply = 0; reply < 300; reply++) {
                List<Integer> tokens = new ArrayList<>();
                int length = 1 + random.nextInt(40);
                while (tokens.size() < length) {
                    if (random.nextInt(6) == 0) {
                        for (int token : characters[random.nextInt(characters.length)]) {
                            tokens.add(token);
                        }
                    } else {
                        tokens.add(random.nextInt(firstByteToken));
                    }
                }
                List<String> stops = List.of("<|im_end|>", "END");
                String whole = decode.apply(tokens.stream().mapToInt(Integer::intValue).toArray());
                int cut = stops.stream().mapToInt(whole::indexOf).filter(at -> at >= 0).min().orElse(whole.length());

                ReplyText text = new ReplyText(decode, stops);
                StringBuilder streamed = new StringBuilder();
                for (int i = 0; i < tokens.size() && !text.stopped(); i++) {
                    streamed.append(text.add(tokens.get(i)));
                }
                streamed.append(text.finish());

                assertThat(streamed.toString()).as("strips %s, tokens %s", strips, tokens).isEqualTo(whole.substring(0, cut));
            }
        }
    }
}
