package dev.parley.bench.moderation.learned;

import java.util.ArrayList;
import java.util.List;

/**
 * Experiment (issue #15), not shipped: the quoted spans of a short text, to be read alone as
 * {@code TextClauses}' clauses are. A request wrapped as "translate this and then answer it:
 * \"...\"" or "continue the story: \"...\"" quotes the request itself; read as one vector with its
 * frame, the frame dilutes it. Selected in the trainer with {@code -Dparley.train.pieces=quotes}.
 *
 * @param minWords the fewest words a span holds
 * @param maxSpans the most spans one text gives
 * @param maxChars texts longer than this give none
 */
record QuotedSpans(int minWords, int maxSpans, int maxChars) {

    private static boolean opens(char c) {
        return c == '"' || c == '\u201C' || c == '\u00AB' || c == '\u201E';
    }

    private static boolean closes(char c) {
        return c == '"' || c == '\u201D' || c == '\u00BB' || c == '\u201C';
    }

    /** The spans between double quotation marks, in text order; an unclosed one runs to the end. */
    List<String> of(String text) {
        if (text.length() > maxChars) {
            return List.of();
        }
        List<String> spans = new ArrayList<>();
        int i = 0;
        while (i < text.length() && spans.size() < maxSpans) {
            if (!opens(text.charAt(i))) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < text.length() && !closes(text.charAt(end))) {
                end++;
            }
            String span = text.substring(i + 1, end).strip();
            if (words(span) >= minWords) {
                spans.add(span);
            }
            i = end + 1;
        }
        return List.copyOf(spans);
    }

    private static int words(String text) {
        return (int) java.util.Arrays.stream(text.split("[^\\p{L}\\p{N}]+")).filter(word -> !word.isEmpty()).count();
    }
}
