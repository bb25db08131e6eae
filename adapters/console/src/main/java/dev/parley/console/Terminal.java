package dev.parley.console;

import java.io.PrintStream;

/**
 * The output side of the terminal, shared by every reply and notice: it knows whether the cursor
 * is in the middle of a line, so that a notice arriving while a reply streams (a {@code /stop})
 * starts on a line of its own instead of running into the reply's words.
 */
final class Terminal {

    private final PrintStream out;
    private boolean midLine;

    Terminal(PrintStream out) {
        this.out = out;
    }

    /** Prints {@code text} where the cursor is. */
    synchronized void print(String text) {
        if (text.isEmpty()) {
            return;
        }
        out.print(text);
        out.flush();
        midLine = !text.endsWith("\n");
    }

    /** Prints {@code text} as a whole line, after ending the current one if the cursor is inside it. */
    synchronized void line(String text) {
        endLine();
        out.println(text);
        out.flush();
    }

    /** Ends the current line, if the cursor is inside one. */
    synchronized void endLine() {
        if (midLine) {
            out.println();
            out.flush();
            midLine = false;
        }
    }

    /** The person pressed Enter after typing at the prompt: their terminal moved to a new line. */
    synchronized void inputEnded() {
        midLine = false;
    }
}
