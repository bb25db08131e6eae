package dev.parley.model.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.parley.model.llamacpp.LlamaCppModel;
import dev.parley.model.llamacpp.ModelParameters;
import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReplyText} on llama.cpp's own detokenizer (the testkit's SentencePiece vocabulary, which
 * strips a text's first leading space and has byte tokens): one call a token for replies of whole
 * pieces, and for random replies with characters split over byte tokens, lone spaces and stop
 * strings split over tokens, exactly the text of the whole reply decoded at once, cut at the stop.
 */
class ReplyTextDetokenizerTest {

    @TempDir
    static Path files;

    static Path file;

    @BeforeAll
    static void writeModel() throws IOException {
        assumeFalse(Boolean.getBoolean("parley.native.skip"), "built with -Dparley.native.skip=true: no native library");
        file = files.resolve("tiny-llama.gguf");
        TinyLlamaModel.builder().build().writeTo(file);
    }

    private static LlamaCppModel load() {
        return LlamaCppModel.load(ModelParameters.of(file).withContextSize(256).withThreads(1));
    }

    @Test
    void aReplyOfWholePieces_takesOneDetokenizerCallAToken() {
        try (LlamaCppModel model = load()) {
            int[] words = model.tokenize("hello world, the cat sat on the mat and then it ran away", false, false);
            int[] all = IntStream.range(0, 4 * words.length).map(i -> words[i % words.length]).toArray();
            StreamedReplies.Streamed reply = StreamedReplies.stream(model, all, List.of());

            assertThat(reply.detokenizerCalls()).isEqualTo(4 * words.length);
            assertThat(reply.text()).isEqualTo(model.detokenize(all));
        }
    }

    @Test
    void randomReplies_streamExactlyTheWholeDecodedText_cutAtTheStopString() {
        try (LlamaCppModel model = load()) {
            int[] words = model.tokenize("hello world, the cat sat on the mat", false, false);
            // characters of 2, 3 and 4 bytes: the testkit vocabulary has no piece for them, so byte tokens
            List<int[]> characters = List.of(model.tokenize("é", false, false), model.tokenize("語", false, false),
                    model.tokenize("😀", false, false), model.tokenize(" 語", false, false), model.tokenize(" ", false, false),
                    model.tokenize("EN", false, false), model.tokenize("D", false, false));
            assertThat(characters.get(2)).as("😀 as byte tokens").hasSizeGreaterThan(1);
            List<String> stops = List.of("END");
            Random random = new Random(16);
            List<int[]> wordTokens = Arrays.stream(words).mapToObj(token -> new int[] {token}).toList();
            for (int reply = 0; reply < 200; reply++) {
                StreamedReplies.assertStreamsTheWholeText(model, StreamedReplies.randomReply(random, wordTokens, characters, 4), stops);
            }
        }
    }
}
