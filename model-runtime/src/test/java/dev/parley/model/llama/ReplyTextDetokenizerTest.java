package dev.parley.model.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.parley.model.llamacpp.LlamaCppModel;
import dev.parley.model.llamacpp.ModelParameters;
import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
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
            int[] calls = {0};
            Function<int[], String> detokenizer = ids -> {
                calls[0]++;
                return model.detokenize(ids);
            };
            ReplyText text = new ReplyText(detokenizer, List.of());
            StringBuilder reply = new StringBuilder();
            for (int round = 0; round < 4; round++) {
                for (int token : words) {
                    reply.append(text.add(token));
                }
            }

            assertThat(calls[0]).isEqualTo(4 * words.length);
            reply.append(text.finish());
            int[] all = IntStream.range(0, 4 * words.length).map(i -> words[i % words.length]).toArray();
            assertThat(reply.toString()).isEqualTo(model.detokenize(all));
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
            for (int reply = 0; reply < 200; reply++) {
                List<Integer> tokens = new ArrayList<>();
                int length = 1 + random.nextInt(30);
                while (tokens.size() < length) {
                    if (random.nextInt(4) == 0) {
                        for (int token : characters.get(random.nextInt(characters.size()))) {
                            tokens.add(token);
                        }
                    } else {
                        tokens.add(words[random.nextInt(words.length)]);
                    }
                }
                String whole = model.detokenize(tokens.stream().mapToInt(Integer::intValue).toArray());
                int cut = whole.indexOf("END");

                ReplyText text = new ReplyText(model::detokenize, stops);
                StringBuilder streamed = new StringBuilder();
                for (int i = 0; i < tokens.size() && !text.stopped(); i++) {
                    streamed.append(text.add(tokens.get(i)));
                }
                streamed.append(text.finish());

                assertThat(streamed.toString()).as("tokens %s", tokens).isEqualTo(cut < 0 ? whole : whole.substring(0, cut));
            }
        }
    }
}
