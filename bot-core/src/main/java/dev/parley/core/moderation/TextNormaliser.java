package dev.parley.core.moderation;

import java.util.Arrays;

/**
 * Turns text into the form rules match against, so that cheap evasions do not hide a word.
 *
 * <ol>
 *   <li>compatibility forms folded (NFKC: full-width, circled and styled letters) and case folded;
 *   <li>accents removed, invisible format characters (zero-width, soft hyphen, bidi controls)
 *       dropped;
 *   <li>letters that look Latin in other scripts (Cyrillic {@code о}, Greek {@code ο}, small
 *       capitals {@code ᴏ}) read as the Latin letter;
 *   <li>leetspeak inside words read as letters ({@code b0mb}, {@code $hit}, {@code f@ck}); numbers
 *       that are only digits stay numbers; one or two {@code *} between letters kept as masked
 *       letters ({@code f*ggot}), which the lexicon matches as any letter;
 *   <li>runs of three or more of the same letter cut to two ({@code fuuuuck} to {@code fuuck}: the
 *       lexicon also looks words up with doubles collapsed);
 *   <li>runs of three or more single letters joined into one word ({@code b o m b a},
 *       {@code b.o.m.b}, {@code b 0 m b}), or two parted by a dot or hyphen ({@code d.o}); a run keeps to one kind of gap between its letters, so
 *       spaces still part words spelled with dots or hyphens ({@code h.o.w m.u.c.h} reads
 *       {@code how much}); a leading {@code a}, {@code e}, {@code i} or {@code o} of a spaced run
 *       of five or more stays a word of its own, as in "a b o m b" ({@link #normaliseKeepingLetters}
 *       leaves them apart, for terms of one-letter words);
 *   <li>double quotation marks ({@code " “ ” „ « »}) kept as a word of their own, {@link #QUOTE},
 *       so that rules can tell a quoted statement from one made;
 *   <li>every run of other characters collapsed into one space, with a space at both ends, so
 *       whole words match as {@code " word "}.
 * </ol>
 *
 * <p>Stateless and thread-safe.
 */
public final class TextNormaliser {

    /**
     * A letter masked inside a word, as in "f*ggot": kept, so that the lexicon can match the word
     * with that letter unknown.
     */
    static final char MASK = '*';

    /** The word a double quotation mark becomes, so rules can tell quoted words from the rest. */
    public static final String QUOTE = "\"";

    /** Normalises {@code text}; the result starts and ends with a space. */
    public String normalise(String text) {
        return normalise(text, true);
    }

    /**
     * Normalises {@code text} like {@link #normalise} but leaves single letters written apart as
     * words of their own ({@code "x b c y"} stays {@code " x b c y "}): a blocked term of one-letter
     * words is matched in this form, where its words still line up, as well as in the other.
     */
    String normaliseKeepingLetters(String text) {
        return normalise(text, false);
    }

    private String normalise(String text, boolean joinSingleLetters) {
        Words words = Words.of(LetterFolding.foldQuickly(text));
        // a space before each word and one at the end: never more than the words' characters plus one per word
        char[] out = new char[words.length() + words.count() + 1];
        int at = 0;
        out[at++] = ' ';
        for (int i = 0; i < words.count(); ) {
            int run = joinSingleLetters ? singleLetterRun(words, i) : 0;
            if (run < 0) { // single characters with fewer than two letters: copied, and no part of them is a run either
                for (int end = i - run; i < end; i++) {
                    at = words.copy(i, out, at);
                    out[at++] = ' ';
                }
            } else if (run >= 3 || (run == 2 && words.gapBefore(i + 1) == Words.DOTS)) { // "d.o", not "x y" or "f**k"
                int start = i;
                if (run >= 5 && words.gapBefore(i + 1) == Words.SPACES && isStandaloneLetter(words.charAt(i))) {
                    out[at++] = words.charAt(i);
                    out[at++] = ' ';
                    start++;
                }
                for (int j = start; j < i + run; j++) {
                    out[at++] = (char) fromLeet(words.charAt(j));
                }
                out[at++] = ' ';
                i += run;
            } else {
                at = words.copy(i, out, at);
                out[at++] = ' ';
                i++;
            }
        }
        return new String(out, 0, at);
    }

    /**
     * Whether {@link #normalise} turns {@code codePoint} into a space between words, rather than
     * keeping it in a word, reading it as a letter or dropping it as invisible (a zero-width
     * character or an accent does not end a word, and neither does {@code @} or {@code $}, which
     * may stand for a letter).
     */
    boolean separatesWords(int codePoint) {
        String decomposed = LetterFolding.fold(Character.toString(codePoint));
        boolean separates = false;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp) || isLeetSymbol(cp) || cp == MASK) { // a mask may be inside a word
                return false;
            }
            separates |= !LetterFolding.isDropped(cp);
        }
        return separates;
    }

    /**
     * Folded text split into words, confusables and leetspeak read and long repeats cut: the words
     * back to back in one array with their ends, so that normalising makes no string per word.
     */
    private static final class Words {

        /**
         * The words' characters, written over the folded text they are read from: no step writes
         * more characters than it has read, so the writing never overtakes the reading.
         */
        private final char[] chars;
        private int length;
        /** Where word {@code i} ends in {@link #chars}; it starts where word {@code i - 1} ends. */
        private int[] ends;
        /** What parts word {@code i} from the word before it: {@link #SPACES}, {@link #DOTS}, {@link #OTHER}, or several of them. */
        private byte[] gaps;
        private int count;
        /** The kind of gap read since the last word ended, given to the next word that ends. */
        private byte gap;

        /** A gap of white space, as in "b o m b". */
        static final byte SPACES = 1;
        /** A gap of dots, hyphens or underscores, as in "b.o.m.b" or "b-o-m-b". */
        static final byte DOTS = 2;
        /** A gap of other characters, as in "f***k"; "b. o. m. b" has {@code SPACES | DOTS}. */
        static final byte OTHER = 4;

        private Words(char[] chars, int capacity) {
            this.chars = chars;
            ends = new int[Math.max(16, capacity / 4)]; // chat words run about five letters and a space
            gaps = new byte[ends.length];
        }

        /** Splits folded text into words, reading confusables and leetspeak, cutting long repeats. */
        static Words of(LetterFolding.Folded folded) {
            char[] text = folded.chars();
            Words words = new Words(text, folded.length());
            int wordStart = 0;
            boolean hasLetter = false;
            boolean hasLeet = false;
            int length = folded.length();
            for (int i = 0; i < length; ) {
                int cp = Character.codePointAt(text, i, length);
                i += Character.charCount(cp);
                if (cp >= 0x80) { // no ASCII character is a mark, a format character or a confusable
                    if (LetterFolding.isDropped(cp)) {
                        continue;
                    }
                    Character latin = LetterFolding.latinLookAlike(cp);
                    if (latin != null) {
                        cp = latin;
                    }
                }
                boolean letter = isLetter(cp);
                boolean leetSymbol = isLeetSymbol(cp)
                        && (hasLetter || (i < length && isLetter(Character.codePointAt(text, i, length))));
                boolean maskedLetter = cp == MASK && hasLetter && masksLetterBefore(text, i, length);
                if (letter || isDigit(cp) || leetSymbol || maskedLetter) {
                    hasLetter |= letter;
                    hasLeet |= leetSymbol || (cp >= '0' && cp <= '9');
                    words.append(cp);
                } else {
                    if (words.length > wordStart) {
                        words.finish(wordStart, hasLetter, hasLeet);
                        wordStart = words.length;
                        hasLetter = false;
                        hasLeet = false;
                    }
                    words.gap |= Character.isWhitespace(cp) ? SPACES : cp == '.' || cp == '-' || cp == '_' ? DOTS : OTHER;
                    if (isQuotationMark(cp)) {
                        words.append(QUOTE.charAt(0));
                        words.end();
                        words.gap = OTHER;
                        wordStart = words.length;
                    }
                }
            }
            if (words.length > wordStart) {
                words.finish(wordStart, hasLetter, hasLeet);
            }
            return words;
        }

        private void append(int cp) {
            if (Character.isBmpCodePoint(cp)) {
                chars[length++] = (char) cp;
            } else {
                length += Character.toChars(cp, chars, length);
            }
        }

        /**
         * Ends the word that starts at {@code start}, reading its leetspeak if it mixes letters and
         * leet characters and cutting runs of three or more of a letter to two, in place: neither
         * makes a word longer.
         */
        private void finish(int start, boolean hasLetter, boolean hasLeet) {
            boolean leet = hasLetter && hasLeet;
            if (leet || hasTripleLetter(chars, start, length)) {
                int end = length;
                length = start;
                int last = -1;
                int repeats = 0;
                for (int i = start; i < end; ) {
                    int cp = Character.codePointAt(chars, i, end);
                    i += Character.charCount(cp);
                    if (leet) {
                        cp = fromLeet(cp);
                    }
                    repeats = cp == last ? repeats + 1 : 1;
                    last = cp;
                    if (repeats <= 2 || !Character.isLetter(cp)) {
                        append(cp); // behind the reading, never past it
                    }
                }
            }
            end();
        }

        private void end() {
            if (count == ends.length) {
                ends = Arrays.copyOf(ends, 2 * count);
                gaps = Arrays.copyOf(gaps, 2 * count);
            }
            gaps[count] = gap;
            gap = 0;
            ends[count++] = length;
        }

        /** What parts {@code word} from the word before it (0 for the first word). */
        byte gapBefore(int word) {
            return gaps[word];
        }

        int count() {
            return count;
        }

        /** How many characters the words have together. */
        int length() {
            return length;
        }

        int length(int word) {
            return ends[word] - start(word);
        }

        /** The first character of {@code word}. */
        char charAt(int word) {
            return chars[start(word)];
        }

        /** Copies {@code word} into {@code out} at {@code at}; returns where it ends there. */
        int copy(int word, char[] out, int at) {
            int start = start(word);
            System.arraycopy(chars, start, out, at, ends[word] - start);
            return at + ends[word] - start;
        }

        private int start(int word) {
            return word == 0 ? 0 : ends[word - 1];
        }
    }

    /** Whether {@code chars} from {@code start} to {@code end} have a letter three times in a row. */
    private static boolean hasTripleLetter(char[] chars, int start, int end) {
        for (int i = start + 2; i < end; i++) {
            char c = chars[i];
            if (c == chars[i - 1] && c == chars[i - 2] && Character.isLetter(c)) {
                return true;
            }
        }
        return false;
    }

    /** {@link Character#isLetter}, without its table lookup for ASCII, where most text is. */
    private static boolean isLetter(int cp) {
        return cp < 0x80 ? (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') : Character.isLetter(cp);
    }

    /** {@link Character#isDigit}, without its table lookup for ASCII. */
    private static boolean isDigit(int cp) {
        return cp < 0x80 ? cp >= '0' && cp <= '9' : Character.isDigit(cp);
    }

    private static int fromLeet(int cp) {
        return switch (cp) {
            case '0' -> 'o';
            case '1', '!' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            default -> cp;
        };
    }

    private static boolean isQuotationMark(int cp) {
        return cp == '"' || cp == '\u201C' || cp == '\u201D' || cp == '\u201E' || cp == '\u00AB' || cp == '\u00BB';
    }

    /**
     * Whether the {@link #MASK} just read, at most one more after it, is followed by a letter: a
     * letter masked inside a word ("f*ggot", "f**k") rather than emphasis ("*so*") or arithmetic.
     */
    private static boolean masksLetterBefore(char[] text, int next, int length) {
        if (next < length && text[next] == MASK) {
            next++;
        }
        return next < length && isLetter(text[next]);
    }

    private static boolean isLeetSymbol(int cp) {
        return cp == '@' || cp == '$';
    }

    /**
     * How many words from {@code from} on are single letters (or single leet digits, as in
     * "b 0 m b"), if at least two of them are letters; if fewer are, minus how many (so the caller
     * skips them all at once rather than reading them again from each); 0 if there are none.
     */
    private static int singleLetterRun(Words words, int from) {
        int end = from;
        int letters = 0;
        while (end < words.count() && words.length(end) == 1
                && (end < from + 2 || words.gapBefore(end) == words.gapBefore(from + 1))) {
            char c = words.charAt(end);
            if (Character.isLetter(c)) {
                letters++;
            } else if (fromLeet(c) == c) {
                break;
            }
            end++;
        }
        return letters >= 2 ? end - from : from - end;
    }

    private static boolean isStandaloneLetter(char letter) {
        return letter == 'a' || letter == 'e' || letter == 'i' || letter == 'o';
    }
}
