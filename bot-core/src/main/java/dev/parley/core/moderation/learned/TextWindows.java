package dev.parley.core.moderation.learned;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into at most a few windows of bounded length, at spaces where it can, so that a
 * sentence encoder reads any text in bounded time. A text that fits one window is one window.
 * Longer texts keep their first and last windows and windows spread evenly between them: harm
 * hidden in the middle of a megabyte of filler may be missed by the encoder, which is why the
 * lexical tier still reads every character.
 *
 * @param maxChars the longest window, in chars
 * @param maxWindows the most windows one text gives
 */
public record TextWindows(int maxChars, int maxWindows) {

    public TextWindows {
        if (maxChars < 16) {
            throw new IllegalArgumentException("maxChars must be at least 16, was " + maxChars);
        }
        if (maxWindows < 1) {
            throw new IllegalArgumentException("maxWindows must be at least 1, was " + maxWindows);
        }
    }

    /** The windows of {@code text}, in text order; never empty (an empty text is one empty window). */
    public List<String> of(String text) {
        String stripped = text.strip();
        if (stripped.length() <= maxChars) {
            return List.of(stripped);
        }
        int slots = (stripped.length() + maxChars - 1) / maxChars; // windows if nothing were skipped
        int count = Math.min(slots, maxWindows);
        List<String> windows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // spread the starts evenly over [0, length - maxChars]: first and last windows included
            long start = count == 1 ? 0 : (long) i * (stripped.length() - maxChars) / (count - 1);
            windows.add(window(stripped, (int) start));
        }
        return windows;
    }

    /** The window starting at or after {@code start}, cut back to a space where one is near. */
    private String window(String text, int start) {
        int from = start;
        if (from > 0 && !Character.isWhitespace(text.charAt(from - 1))) {
            int space = indexOfSpace(text, from, Math.min(text.length(), from + maxChars / 8));
            from = space < 0 ? from : space + 1;
        }
        int end = Math.min(text.length(), from + maxChars);
        if (end < text.length()) {
            int space = lastIndexOfSpace(text, end, Math.max(from + 1, end - maxChars / 8));
            end = space < 0 ? end : space;
        }
        if (Character.isLowSurrogate(text.charAt(from))) {
            from++; // never start with half a pair
        }
        if (end < text.length() && end > from && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(from, end).strip();
    }

    private static int indexOfSpace(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOfSpace(String text, int end, int downTo) {
        for (int i = end; i >= downTo; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
