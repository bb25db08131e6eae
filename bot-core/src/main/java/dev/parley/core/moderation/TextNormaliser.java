package dev.parley.core.moderation;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Turns text into the form rules match against, so that cheap evasions do not hide a term:
 * compatibility forms folded (NFKC: full-width and styled letters), case folded, accents removed,
 * invisible format characters (zero-width, bidi controls) dropped, and every run of characters
 * that are not letters or digits collapsed into one space, with a space at both ends so that
 * whole words match as {@code " word "}.
 */
public final class TextNormaliser {

    /** Normalises {@code text}; the result starts and ends with a space. */
    public String normalise(String text) {
        String decomposed = fold(text);
        StringBuilder out = new StringBuilder(decomposed.length() + 2).append(' ');
        boolean lastWasSpace = true;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (isDropped(cp)) {
                continue; // accents, zero-width and bidi characters
            }
            if (Character.isLetterOrDigit(cp)) {
                out.appendCodePoint(cp);
                lastWasSpace = false;
            } else if (!lastWasSpace) {
                out.append(' ');
                lastWasSpace = true;
            }
        }
        if (!lastWasSpace) {
            out.append(' ');
        }
        return out.toString();
    }

    /**
     * Whether {@link #normalise} turns {@code codePoint} into a space between words, rather than
     * keeping it in a word or dropping it as invisible (a zero-width character or an accent does
     * not end a word).
     */
    boolean separatesWords(int codePoint) {
        String decomposed = fold(Character.toString(codePoint));
        boolean separates = false;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                return false;
            }
            separates |= !isDropped(cp);
        }
        return separates;
    }

    private static String fold(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFD);
    }

    private static boolean isDropped(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.FORMAT;
    }
}
