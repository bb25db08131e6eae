package dev.parley.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonStringTest {

    @Test
    void of_quotesPlainText() {
        assertThat(JsonString.of("olá, mundo")).isEqualTo("\"olá, mundo\"");
    }

    @Test
    void of_escapesQuotesBackslashesAndControlCharacters() {
        assertThat(JsonString.of("say \"hi\"\\\n\r\t\u0001")).isEqualTo("\"say \\\"hi\\\"\\\\\\n\\r\\t\\u0001\"");
    }

    @Test
    void of_escapesTheLineAndParagraphSeparators() {
        assertThat(JsonString.of("a\u2028b\u2029c")).isEqualTo("\"a\\u2028b\\u2029c\"");
    }

    @Test
    void append_writesToTheGivenBuilder() {
        StringBuilder out = new StringBuilder("[");

        assertThat(JsonString.append(out, "x").append(']')).hasToString("[\"x\"]");
    }
}
