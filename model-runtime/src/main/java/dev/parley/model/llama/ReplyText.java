package dev.parley.model.llama;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The text of one reply as its tokens arrive: hands out only what is final. Tokens are
 * detokenized in a short window after the text that is settled (decoding them one by one would
 * lose SentencePiece's spaces, decoding the whole reply each time grows with its square), and text
 * is held back while it ends in an unfinished UTF-8 character or in the start of a stop string; a
 * stop string ends the reply and is cut from it, as llama.cpp's server did.
 */
final class ReplyText {

    private static final char REPLACEMENT = '\uFFFD';

    private final Function<int[], String> detokenizer;
    private final List<String> stopStrings;
    private int[] tokens = new int[32];
    private int count;
    private final StringBuilder settled = new StringBuilder(); // the text of tokens[0, base)
    private int base;
    // the text tokens[base - 1] had in the window that settled it, when that window held only it
    // (else null): what the next anchored window starts with, less a leading space llama.cpp strips
    private @Nullable String anchorText;
    private int handedOut; // characters of the reply already returned
    private boolean stopped;

    ReplyText(Function<int[], String> detokenizer, List<String> stopStrings) {
        this.detokenizer = detokenizer;
        this.stopStrings = List.copyOf(stopStrings);
    }

    /** Adds a token and returns the text that became final with it, possibly empty. */
    String add(int token) {
        if (stopped) {
            return "";
        }
        if (count == tokens.length) {
            tokens = Arrays.copyOf(tokens, count * 2);
        }
        tokens[count++] = token;
        String text = text();
        int stop = firstStop(text);
        if (stop >= 0) {
            stopped = true;
            return handOut(text, stop);
        }
        return handOut(text, text.length() - heldBack(text));
    }

    /** The text still held back once the reply has ended without a stop string. */
    String finish() {
        if (stopped || count == 0) {
            return "";
        }
        stopped = true;
        String text = text();
        return handOut(text, text.length());
    }

    /**
     * The reply's text so far. The window starts one token early (the anchor) so that its first
     * real token keeps its leading space, which llama.cpp strips from a text's first token; a
     * window that ends in a whole character becomes settled. One detokenizer call a token: the
     * anchor's own text is known from the window that settled it ({@link #anchorText}).
     */
    private String text() {
        String window;
        if (base == 0) {
            window = detokenizer.apply(Arrays.copyOf(tokens, count));
        } else {
            String anchored = detokenizer.apply(Arrays.copyOfRange(tokens, base - 1, count));
            String anchor = anchorText(anchored);
            window = anchored.startsWith(anchor) ? anchored.substring(anchor.length()) : anchored;
        }
        String text = settled + window;
        if (!window.isEmpty() && window.charAt(window.length() - 1) != REPLACEMENT) {
            settled.append(window);
            anchorText = count - base == 1 ? window : null;
            base = count;
        }
        return text;
    }

    /**
     * What the anchor decodes to alone, as the first token of a text. Its text in the window
     * that settled it is the same but for the one leading space llama.cpp may strip from a first
     * token (SentencePiece's), so the anchored window starts with either; which one is certain
     * unless that text starts with two spaces or is one (then both may match), and unknown when
     * the anchor was settled with other tokens (a character split over tokens). In those cases,
     * and whenever neither matches, the anchor is decoded alone: a second call for that token.
     */
    private String anchorText(String anchored) {
        String known = anchorText;
        if (known != null && !known.startsWith("  ") && !known.equals(" ")) {
            if (anchored.startsWith(known)) {
                return known;
            }
            if (known.startsWith(" ") && anchored.startsWith(known.substring(1))) {
                return known.substring(1);
            }
        }
        return detokenizer.apply(new int[] {tokens[base - 1]});
    }

    /** Whether a stop string has ended the reply. */
    boolean stopped() {
        return stopped;
    }

    private String handOut(String text, int end) {
        if (end <= handedOut) {
            return "";
        }
        String piece = text.substring(handedOut, end);
        handedOut = end;
        return piece;
    }

    private int firstStop(String text) {
        int first = -1;
        // a stop string can only start where the text handed out so far cannot have ended it
        int from = Math.max(0, handedOut - longestStop());
        for (String stop : stopStrings) {
            int at = text.indexOf(stop, from);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first < 0 ? -1 : Math.max(first, handedOut);
    }

    /** Characters at the end that may still change: an unfinished character or a stop string's start. */
    private int heldBack(String text) {
        int held = 0;
        while (held < text.length() && text.charAt(text.length() - 1 - held) == REPLACEMENT) {
            held++;
        }
        String settled = text.substring(0, text.length() - held);
        int prefix = 0;
        for (String stop : stopStrings) {
            for (int length = Math.min(stop.length() - 1, settled.length()); length > prefix; length--) {
                if (settled.endsWith(stop.substring(0, length))) {
                    prefix = length;
                    break;
                }
            }
        }
        return held + prefix;
    }

    private int longestStop() {
        return stopStrings.stream().mapToInt(String::length).max().orElse(0);
    }
}
