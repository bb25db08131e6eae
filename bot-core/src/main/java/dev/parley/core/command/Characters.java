package dev.parley.core.command;

/**
 * Lengths as the user sees them: in code points, so that an emoji counts as one character, not
 * as the two UTF-16 units {@link String#length()} counts.
 */
final class Characters {

    private Characters() {}

    /** The number of characters in {@code text}. */
    static int count(String text) {
        return text.codePointCount(0, text.length());
    }

    /** {@code text} cut to at most {@code max} characters, the last an ellipsis when it was cut; never halves a pair. */
    static String shortened(String text, int max) {
        if (count(text) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
