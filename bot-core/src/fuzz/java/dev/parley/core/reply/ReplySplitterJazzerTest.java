package dev.parley.core.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzzes the reply splitter with any text and limit (code fences, paragraphs, sentences, long
 * words, surrogate pairs): every part fits the limit and is not blank, no character of the text
 * is lost (its non-space characters appear in the parts in order; the splitter may add fences
 * around a cut and drops whitespace there), no surrogate pair is cut, and the first part of a
 * text longer than the limit stays the same however the text goes on, as streaming relies on.
 */
class ReplySplitterJazzerTest {

    @FuzzTest(maxDuration = "30s")
    // libFuzzer's dictionary syntax: a line break is written \x0A
    @DictionaryEntries({"```", "```java\\x0A", "\\x0A```\\x0A", "\\x0A\\x0A", ". ", "! ", "? ", "… ", "\\x0A", " ",
        "\uD83D\uDE00"})
    void partsFitTheLimitAndLoseNothing(FuzzedDataProvider data) {
        // mostly small limits, so that inputs of a few hundred bytes are cut several times
        int max = data.consumeBoolean() ? data.consumeInt(64, 160) : data.consumeInt(64, 4096);
        String tail = data.consumeString(64);
        String text = data.consumeRemainingAsString();
        ReplySplitter splitter = new ReplySplitter(max);

        List<String> parts = splitter.split(text);

        for (String part : parts) {
            assertThat(part.length()).as("a part's length, limit %d", max).isLessThanOrEqualTo(max);
            assertThat(part).isNotBlank();
            assertThat(Character.isHighSurrogate(part.charAt(part.length() - 1))
                    && Character.isLowSurrogate(nextCharOf(text, part))).as("a surrogate pair cut").isFalse();
        }
        assertThat(isSubsequence(withoutWhitespace(text), withoutWhitespace(String.join("", parts))))
                .as("every non-space character of the text, in order, in the parts").isTrue();
        String stripped = text.strip();
        if (stripped.length() > max) {
            assertThat(splitter.split(stripped + tail).getFirst()).as("the first part once past the limit")
                    .isEqualTo(parts.getFirst());
        }
    }

    /** The character of {@code text} after where {@code part} ends in it, or a space when unknown. */
    private static char nextCharOf(String text, String part) {
        int at = text.indexOf(part);
        return at >= 0 && at + part.length() < text.length() ? text.charAt(at + part.length()) : ' ';
    }

    private static String withoutWhitespace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(cp -> !Character.isWhitespace(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static boolean isSubsequence(String needle, String haystack) {
        int j = 0;
        for (int i = 0; i < haystack.length() && j < needle.length(); i++) {
            if (haystack.charAt(i) == needle.charAt(j)) {
                j++;
            }
        }
        return j == needle.length();
    }
}
