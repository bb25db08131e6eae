package dev.parley.core.reply;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Cuts a reply into messages a platform accepts (Discord 2,000 characters, Telegram 4,096): at a
 * paragraph, line, sentence or word boundary near the limit, never inside a surrogate pair, and
 * with a code block that spans the cut closed at the end of one message and reopened, with its
 * language, at the start of the next.
 *
 * <p>Deterministic in a prefix: once a text is longer than the limit, its first part depends only
 * on its first {@code maxChars} characters, so a growing streamed reply keeps its earlier parts.
 */
public final class ReplySplitter {

    private static final String FENCE = "```";
    private static final String CLOSE_FENCE = "\n" + FENCE;
    /** Below this the cut would leave messages so short that a hard cut reads better. */
    private static final double LOWEST_BOUNDARY = 0.5;

    private final int maxChars;

    /** @param maxChars the longest message, in UTF-16 units as the platforms count; at least 64 */
    public ReplySplitter(int maxChars) {
        if (maxChars < 64) {
            throw new IllegalArgumentException("maxChars must be at least 64, was " + maxChars);
        }
        this.maxChars = maxChars;
    }

    /** The longest part this splitter makes. */
    public int maxChars() {
        return maxChars;
    }

    /** The parts of {@code text}, in order, each at most {@link #maxChars()} long; none for blank text. */
    public List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        String rest = text.strip();
        String reopen = "";
        while (!rest.isEmpty()) {
            String candidate = reopen + rest;
            if (candidate.length() <= maxChars) {
                parts.add(candidate);
                break;
            }
            // room for a closing fence, in case the cut falls inside a code block
            int limit = maxChars - CLOSE_FENCE.length();
            int cut = cutPoint(candidate, limit, reopen.length());
            String head = candidate.substring(0, cut).stripTrailing();
            String openFence = openFenceAtEnd(head);
            // a fence line too long to repeat is left open rather than crowding out the next part
            if (openFence != null && openFence.length() <= maxChars / 8) {
                head = head + CLOSE_FENCE;
                reopen = openFence + "\n";
            } else {
                reopen = "";
            }
            parts.add(head);
            rest = candidate.substring(cut).strip();
        }
        return List.copyOf(parts);
    }

    /** Where to cut {@code text} at or before {@code limit}, after {@code minimum}. */
    private static int cutPoint(String text, int limit, int minimum) {
        int lowest = Math.max(minimum + 1, (int) (limit * LOWEST_BOUNDARY));
        int paragraph = text.lastIndexOf("\n\n", limit - 2);
        if (paragraph >= lowest) {
            return paragraph + 2;
        }
        int line = text.lastIndexOf('\n', limit - 1);
        if (line >= lowest) {
            return line + 1;
        }
        int sentence = sentenceEnd(text, limit, lowest);
        if (sentence > 0) {
            return sentence;
        }
        for (int i = limit; i >= lowest; i--) {
            if (Character.isWhitespace(text.charAt(i - 1))) {
                return i;
            }
        }
        int hard = Math.max(limit, minimum + 1);
        return Character.isLowSurrogate(text.charAt(hard)) && Character.isHighSurrogate(text.charAt(hard - 1))
                ? hard - 1 : hard;
    }

    /** The index just after the last sentence end ({@code .!?…} then a space) in range, or -1. */
    private static int sentenceEnd(String text, int limit, int lowest) {
        for (int i = limit - 1; i >= lowest; i--) {
            char c = text.charAt(i - 1);
            if ((c == '.' || c == '!' || c == '?' || c == '…') && Character.isWhitespace(text.charAt(i))) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The fence line ("```java") of a code block still open at the end of {@code text}, or null. */
    private static @Nullable String openFenceAtEnd(String text) {
        String open = null;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith(FENCE)) {
                open = open == null ? trimmed : null;
            }
        }
        return open;
    }
}
