package dev.parley.bench.moderation.corpus;

/**
 * The longest text the corpus keeps. C-SSRS rows hold every post of a user (up to 32,759
 * characters) and a few Reddit comments run to thousands; a moderation model reads one message,
 * so such texts are cut, at a word boundary so that no half word becomes a feature.
 */
public final class TextLimit {

    /** Characters a text keeps at most. */
    public static final int MAX_CHARS = 2_000;

    private TextLimit() {
    }

    /** {@code text} itself when it fits {@code max}, else its longest prefix ending before a space. */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        while (end > 0 && !Character.isWhitespace(text.charAt(end))) {
            end--;
        }
        if (end == 0) {
            // one word longer than the limit (a URL, a base64 blob): a hard cut, but not inside a surrogate pair
            end = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
        }
        return text.substring(0, end).stripTrailing();
    }
}
