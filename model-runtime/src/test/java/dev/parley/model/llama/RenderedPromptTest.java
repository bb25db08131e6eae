package dev.parley.model.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Where the template's opening of the reply begins, in characters and in tokens. */
class RenderedPromptTest {

    private static final String TURNS = "<user>hi</user>";
    private static final String OPENING = "<assistant><think></think>";

    @Test
    void of_turnsThatOpenTheWholePrompt_markWhereTheReplysOpeningBegins() {
        RenderedPrompt prompt = RenderedPrompt.of(TURNS + OPENING, TURNS);

        assertThat(prompt.turnsLength()).isEqualTo(TURNS.length());
        assertThat(prompt.replyOpening()).isEqualTo(OPENING);
    }

    @Test
    void of_turnsUnknownOrRenderedOtherwise_countsTheWholePromptAsTurns() {
        assertThat(RenderedPrompt.of(TURNS + OPENING, null).replyOpening()).isEmpty();
        assertThat(RenderedPrompt.of(TURNS + OPENING, "<user>hello</user>").replyOpening()).isEmpty();
        assertThat(RenderedPrompt.whole(TURNS).turnsLength()).isEqualTo(TURNS.length());
    }

    @Test
    void turnsEnd_isWhereThePromptsTokensEndWithTheOpeningsTokens() {
        RenderedPrompt prompt = RenderedPrompt.of(TURNS + OPENING, TURNS);

        // a token a character: the opening's tokens are the prompt's last ones
        assertThat(prompt.turnsEnd(chars(TURNS + OPENING), RenderedPromptTest::chars)).isEqualTo(TURNS.length());
        // the tokenizer merged across the boundary: the opening's own tokens do not end the prompt
        int[] merged = chars(TURNS + OPENING);
        merged[merged.length - 1] = 9999;
        assertThat(prompt.turnsEnd(merged, RenderedPromptTest::chars)).isEqualTo(merged.length);
        assertThat(prompt.turnsEnd(new int[] {1, 2, 3}, RenderedPromptTest::chars)).as("shorter than the opening").isEqualTo(3);
        assertThat(RenderedPrompt.whole(TURNS).turnsEnd(new int[] {1, 2}, text -> {
            throw new AssertionError("nothing to tokenize");
        })).isEqualTo(2);
    }

    @Test
    void opensThought_onlyWhenTheTemplatesOpeningLeavesAThinkOpen() {
        assertThat(RenderedPrompt.of(TURNS + "<assistant><think>\n", TURNS).opensThought()).isTrue();
        assertThat(RenderedPrompt.of(TURNS + OPENING, TURNS).opensThought()).isFalse();
        assertThat(RenderedPrompt.of(TURNS + "<assistant>", TURNS).opensThought()).isFalse();
        // a marker a user typed is no opening
        assertThat(RenderedPrompt.of("<user><think></user><assistant>", "<user><think></user>").opensThought()).isFalse();
        assertThat(RenderedPrompt.whole("<user>hi</user><assistant><think>").opensThought()).isFalse();
    }

    @Test
    void new_checksTheTurnsLength() {
        assertThatThrownBy(() -> new RenderedPrompt("abc", 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RenderedPrompt("abc", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int[] chars(String text) {
        return text.chars().toArray();
    }
}
