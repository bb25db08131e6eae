package dev.parley.model.llama;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ThinkingTextTest {

    /** Feeds {@code pieces} as a token stream would and returns everything users would see. */
    private static String shown(List<String> pieces) {
        ThinkingText thinking = new ThinkingText();
        StringBuilder out = new StringBuilder();
        for (String piece : pieces) {
            out.append(thinking.add(piece));
        }
        return out.append(thinking.finish()).toString();
    }

    @Test
    void add_dropsAThinkBlockSplitAcrossPieces() {
        assertThat(shown(List.of("<th", "ink>\nthe user", " wants x</th", "ink>", "\n\n", "Hello", " there")))
                .isEqualTo("Hello there");
    }

    @Test
    void add_dropsAThoughtThatNeverCloses() {
        assertThat(shown(List.of("Sure. ", "<think>", "secret plan", " more"))).isEqualTo("Sure. ");
    }

    @Test
    void add_aReplyWhosePromptOpenedTheThought_showsOnlyWhatFollowsItsClose() {
        ThinkingText thinking = new ThinkingText(true);

        String shown = thinking.add("the user wants") + thinking.add(" a greeting</th") + thinking.add("ink>\n\nHello")
                + thinking.finish();

        assertThat(shown).isEqualTo("Hello");
        assertThat(new ThinkingText(true).add("a thought that never closes") + new ThinkingText(true).finish()).isEmpty();
    }

    @Test
    void add_dropsThinkingInTheMiddle() {
        assertThat(shown(List.of("A", "<think>x</think>", " B", "<thi", "nk>y</think>C"))).isEqualTo("ABC");
    }

    @Test
    void add_keepsTextThatOnlyLooksLikeTheStartOfAMarker() {
        assertThat(shown(List.of("a <", "b> <th", "is"))).isEqualTo("a <b> <this");
    }

    @Test
    void add_handsOutTextBeforeAPossibleMarkerAtOnce() {
        ThinkingText thinking = new ThinkingText();

        assertThat(thinking.add("Hello <t")).isEqualTo("Hello ");
        assertThat(thinking.add("ea")).isEqualTo("<tea");
    }

    @Test
    void replyStream_fakeTokenStreamWithThinking_showsOnlyTheAnswer() {
        // a token stream as the model streams it: each token one piece of text, a stop marker at the end
        List<String> vocabulary = List.of("<th", "ink", ">", "Let", " me", " think", "</", "think", ">\n\n", "Hi", "!", "<|im_end|>");
        ReplyText reply = new ReplyText(tokens -> Arrays.stream(tokens).mapToObj(vocabulary::get).collect(Collectors.joining()),
                List.of("<|im_end|>"));
        ThinkingText thinking = new ThinkingText();
        StringBuilder shown = new StringBuilder();
        for (int token = 0; token < vocabulary.size() && !reply.stopped(); token++) {
            String piece = thinking.add(reply.add(token));
            assertThat(piece).doesNotContain("think", "Let");
            shown.append(piece);
        }
        shown.append(thinking.add(reply.finish())).append(thinking.finish());

        assertThat(shown.toString()).isEqualTo("Hi!");
    }
}
