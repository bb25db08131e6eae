package dev.parley.model.llama;

/**
 * Removes a model's thinking from the reply as it streams: every {@code <think>...</think>}
 * block, the whitespace after it, and everything after a {@code <think>} that never closes.
 * Users never see thinking, whether the template asked for it or the model thought anyway; a
 * reply whose prompt opened the thought (a template that always thinks ends the opening of the
 * reply with {@code <think>}) starts inside it. Text that may be the start of a marker is held
 * back until the next piece shows what it is.
 */
final class ThinkingText {

    static final String OPEN = "<think>";
    static final String CLOSE = "</think>";

    private final StringBuilder pending = new StringBuilder();
    private boolean thinking;
    private boolean afterThought; // whitespace right after a closed block is dropped too

    /** A reply that starts outside any thought. */
    ThinkingText() {
        this(false);
    }

    /** A reply that starts inside a thought its prompt opened when {@code inThought}: shown only after {@code </think>}. */
    ThinkingText(boolean inThought) {
        this.thinking = inThought;
    }

    /** Adds a piece of reply text and returns what of it users may see now, possibly empty. */
    String add(String piece) {
        pending.append(piece);
        StringBuilder visible = new StringBuilder();
        while (true) {
            if (thinking) {
                int close = pending.indexOf(CLOSE);
                if (close < 0) {
                    // keep only what could be the start of the closing marker
                    pending.delete(0, Math.max(0, pending.length() - (CLOSE.length() - 1)));
                    return visible.toString();
                }
                pending.delete(0, close + CLOSE.length());
                thinking = false;
                afterThought = true;
            }
            if (afterThought) {
                int start = 0;
                while (start < pending.length() && Character.isWhitespace(pending.charAt(start))) {
                    start++;
                }
                pending.delete(0, start);
                if (pending.isEmpty()) {
                    return visible.toString();
                }
                afterThought = false;
            }
            int open = pending.indexOf(OPEN);
            if (open >= 0) {
                visible.append(pending, 0, open);
                pending.delete(0, open + OPEN.length());
                thinking = true;
                continue;
            }
            int held = heldBack();
            visible.append(pending, 0, pending.length() - held);
            pending.delete(0, pending.length() - held);
            return visible.toString();
        }
    }

    /** The text still held back once the reply has ended; a thought that never closed is dropped. */
    String finish() {
        String rest = thinking ? "" : pending.toString();
        pending.setLength(0);
        thinking = false;
        return rest;
    }

    /** How many trailing characters could begin {@code <think>}. */
    private int heldBack() {
        for (int length = Math.min(OPEN.length() - 1, pending.length()); length > 0; length--) {
            if (pending.substring(pending.length() - length).equals(OPEN.substring(0, length))) {
                return length;
            }
        }
        return 0;
    }
}
