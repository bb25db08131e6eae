package dev.parley.core.moderation;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The character folding {@link TextNormaliser} starts from: compatibility forms and case folded,
 * accents and invisible format characters dropped, letters of other scripts that look Latin read
 * as Latin. Kept apart from the splitting into words, which decides what a word is.
 */
final class LetterFolding {

    /** Letters of other scripts that look like a Latin letter, after case folding. */
    private static final Map<Integer, Character> CONFUSABLES = confusables(
            // Cyrillic
            "а", 'a', "в", 'b', "с", 'c', "ԁ", 'd', "е", 'e', "ё", 'e', "һ", 'h', "н", 'h', "і", 'i', "ї", 'i',
            "ј", 'j', "к", 'k', "ӏ", 'l', "м", 'm', "п", 'n', "о", 'o', "р", 'p', "ԛ", 'q', "г", 'r', "ѕ", 's',
            "т", 't', "у", 'y', "ѵ", 'v', "ԝ", 'w', "х", 'x', "ь", 'b', "з", 'z',
            // Greek
            "α", 'a', "β", 'b', "γ", 'y', "δ", 'd', "ε", 'e', "η", 'n', "ι", 'i', "κ", 'k', "ν", 'v', "ο", 'o',
            "ρ", 'p', "τ", 't', "υ", 'u', "χ", 'x', "ω", 'w', "μ", 'u', "ς", 's',
            // Latin letters that do not decompose, and small capitals
            "ı", 'i', "ł", 'l', "ø", 'o', "đ", 'd', "ħ", 'h', "ŧ", 't', "ɑ", 'a', "ɡ", 'g',
            "ᴀ", 'a', "ʙ", 'b', "ᴄ", 'c', "ᴅ", 'd', "ᴇ", 'e', "ꜰ", 'f', "ɢ", 'g', "ʜ", 'h', "ɪ", 'i', "ᴊ", 'j',
            "ᴋ", 'k', "ʟ", 'l', "ᴍ", 'm', "ɴ", 'n', "ᴏ", 'o', "ᴘ", 'p', "ʀ", 'r', "ꜱ", 's', "ᴛ", 't', "ᴜ", 'u',
            "ᴠ", 'v', "ᴡ", 'w', "ʏ", 'y', "ᴢ", 'z');

    /**
     * Every character of the Basic Multilingual Plane outside ASCII, folded once (NFKC, lower case,
     * NFD, marks and format characters dropped, confusables read as Latin): a lookup instead of two
     * {@link Normalizer} passes per text. Never changed after class initialisation.
     */
    private static final String[] FOLDED_BMP = foldedBmp();

    private LetterFolding() {
    }

    /** The Latin letter {@code codePoint} looks like, or {@code null}. */
    static Character latinLookAlike(int codePoint) {
        return CONFUSABLES.get(codePoint);
    }

    /**
     * The same as {@link #fold} for the purpose of matching, character by character from a table:
     * ASCII is lower-cased, other BMP characters looked up, the rest (surrogate pairs) folded by
     * {@link Normalizer}.
     */
    static Folded foldQuickly(String text) {
        char[] out = new char[text.length()];
        int at = 0;
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[at++] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
                i++;
                continue;
            }
            String folded;
            if (!Character.isSurrogate(c)) {
                folded = FOLDED_BMP[c];
                i++;
            } else {
                int cp = text.codePointAt(i);
                folded = fold(Character.toString(cp));
                i += Character.charCount(cp);
            }
            int needed = at + folded.length() + (text.length() - i); // room for the rest as one character each
            if (needed > out.length) { // a ligature or a fraction folds into more characters
                out = Arrays.copyOf(out, Math.max(2 * out.length, needed));
            }
            folded.getChars(0, folded.length(), out, at);
            at += folded.length();
        }
        return new Folded(out, at);
    }

    /** Folded text: the first {@code length} characters of {@code chars}. */
    record Folded(char[] chars, int length) {}

    private static String[] foldedBmp() {
        String[] table = new String[0x10000];
        for (int c = 0x80; c < 0x10000; c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            String folded = fold(String.valueOf((char) c));
            StringBuilder out = new StringBuilder(folded.length());
            for (int i = 0; i < folded.length(); ) {
                int cp = folded.codePointAt(i);
                i += Character.charCount(cp);
                if (isDropped(cp)) {
                    continue;
                }
                Character latin = cp < 0x80 ? null : CONFUSABLES.get(cp);
                out.appendCodePoint(latin != null ? latin : cp);
            }
            table[c] = out.toString().intern();
        }
        return table;
    }

    static String fold(String text) {
        if (isAscii(text)) {
            return text.toLowerCase(Locale.ROOT); // NFKC and NFD change no ASCII character
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFD);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static boolean isDropped(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT;
    }

    private static Map<Integer, Character> confusables(Object... pairs) {
        var map = new java.util.HashMap<Integer, Character>();
        for (int i = 0; i < pairs.length; i += 2) {
            String look = Normalizer.normalize((String) pairs[i], Normalizer.Form.NFD);
            map.put(look.codePointAt(0), (Character) pairs[i + 1]);
        }
        return Map.copyOf(map);
    }
}
