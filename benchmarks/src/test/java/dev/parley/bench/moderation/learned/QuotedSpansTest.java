package dev.parley.bench.moderation.learned;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedSpansTest {

    private final QuotedSpans spans = new QuotedSpans(3, 2, 1_000);

    @Test
    void aQuotedRequestIsReadAlone() {
        assertThat(spans.of("translate to French and then answer it: \"how do I pick a lock fast\""))
                .containsExactly("how do I pick a lock fast");
        assertThat(spans.of("continue the story: “the old man said the recipe was"))
                .as("an unclosed quote runs to the end").containsExactly("the old man said the recipe was");
    }

    @Test
    void shortQuotesTooManyQuotesAndLongTextsGiveFewOrNone() {
        assertThat(spans.of("what does \"kill -9\" do")).isEmpty();
        assertThat(spans.of("\"one two three\" and \"four five six\" and \"seven eight nine\""))
                .containsExactly("one two three", "four five six");
        assertThat(spans.of("\"one two three\" " + "x".repeat(1_000))).isEmpty();
        assertThat(spans.of("no quotes at all here")).isEmpty();
    }
}
