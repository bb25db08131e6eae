package dev.parley.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a reply into Telegram messages of at most {@link #MAX_LENGTH} characters, at a line break
 * or a space when one is near the limit. Each piece depends only on the text before its end, so
 * pieces already posted stay the same while the reply grows.
 */
final class MessageSplitter {

    /** Telegram's limit on one message's text. */
    static final int MAX_LENGTH = 4096;

    private final int maxLength;

    MessageSplitter(int maxLength) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be at least 2");
        }
        this.maxLength = maxLength;
    }

    MessageSplitter() {
        this(MAX_LENGTH);
    }

    /** The pieces of {@code text}, stripped; blank text has none. */
    List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        String rest = text.strip();
        while (!rest.isEmpty()) {
            if (rest.length() <= maxLength) {
                pieces.add(rest);
                break;
            }
            int cut = cutPoint(rest);
            pieces.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        return pieces;
    }

    /** Where to end the first piece of {@code text}, which is longer than the limit. */
    private int cutPoint(String text) {
        int half = maxLength / 2;
        int newline = text.lastIndexOf('\n', maxLength);
        if (newline >= half) {
            return newline;
        }
        for (int i = maxLength; i >= half; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        // no space near the limit: a hard cut, but never between the halves of a surrogate pair
        return Character.isLowSurrogate(text.charAt(maxLength)) ? maxLength - 1 : maxLength;
    }
}
