package dev.parley.model.llama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.model.llamacpp.LlamaCppModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Streams tokens through {@link ReplyText} on a loaded model's detokenizer, for the tests that
 * hold it against the whole reply decoded at once, on either generated vocabulary.
 */
final class StreamedReplies {

    /**
     * What {@link ReplyText} handed out.
     *
     * @param text every piece it handed out, the held-back rest included
     * @param detokenizerCalls the detokenizer calls it made while the tokens were added (not
     *     counting the one of {@link ReplyText#finish()})
     */
    record Streamed(String text, int detokenizerCalls) {}

    private StreamedReplies() {}

    /** Adds {@code tokens} one by one until a stop string ends the reply, then finishes it. */
    static Streamed stream(LlamaCppModel model, int[] tokens, List<String> stops) {
        int[] calls = {0};
        ReplyText text = new ReplyText(ids -> {
            calls[0]++;
            return model.detokenize(ids);
        }, stops);
        StringBuilder streamed = new StringBuilder();
        for (int i = 0; i < tokens.length && !text.stopped(); i++) {
            streamed.append(text.add(tokens[i]));
        }
        int added = calls[0];
        return new Streamed(streamed.append(text.finish()).toString(), added);
    }

    /** Asserts that streaming {@code tokens} hands out exactly their whole text, cut at the first stop string. */
    static void assertStreamsTheWholeText(LlamaCppModel model, int[] tokens, List<String> stops) {
        String whole = model.detokenize(tokens);
        int cut = stops.stream().mapToInt(whole::indexOf).filter(i -> i >= 0).min().orElse(-1);

        assertThat(stream(model, tokens, stops).text()).as("tokens %s", Arrays.toString(tokens))
                .isEqualTo(cut < 0 ? whole : whole.substring(0, cut));
    }

    /**
     * A reply of 1 to 30 tokens or a few more: pieces (each one or more tokens) drawn from
     * {@code seldom} one time in {@code oneIn}, else from {@code often}, until it is long enough.
     */
    static int[] randomReply(Random random, List<int[]> often, List<int[]> seldom, int oneIn) {
        List<Integer> tokens = new ArrayList<>();
        int length = 1 + random.nextInt(30);
        while (tokens.size() < length) {
            List<int[]> from = random.nextInt(oneIn) == 0 ? seldom : often;
            for (int token : from.get(random.nextInt(from.size()))) {
                tokens.add(token);
            }
        }
        return tokens.stream().mapToInt(Integer::intValue).toArray();
    }
}
