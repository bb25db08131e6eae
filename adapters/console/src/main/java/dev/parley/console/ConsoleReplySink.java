package dev.parley.console;

import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.ReplySink;
import java.io.PrintStream;

/**
 * Prints one reply to a terminal as it streams: each update prints only what is new, so the text
 * appears word by word. Notices are prefixed so they are never mistaken for the model's words.
 */
final class ConsoleReplySink implements ReplySink {

    static final String NOTICE_PREFIX = "[parley] ";

    private final PrintStream out;
    private String shown = "";

    ConsoleReplySink(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void notice(Notice notice) {
        out.println(NOTICE_PREFIX + notice.text());
        out.flush();
    }

    @Override
    public synchronized void progress(String visibleSoFar) {
        printNew(visibleSoFar);
    }

    @Override
    public synchronized void complete(String reply) {
        printNew(reply);
        out.println();
        out.flush();
    }

    @Override
    public synchronized void withdraw(Notice replacement) {
        if (!shown.isEmpty()) {
            out.println();
        }
        notice(replacement);
    }

    /** Prints what {@code text} adds to what is on screen; the pipeline only ever grows it. */
    private void printNew(String text) {
        String visible = text.stripLeading();
        if (visible.startsWith(shown)) {
            out.print(visible.substring(shown.length()));
            shown = visible;
        } else if (!shown.startsWith(visible)) {
            // not a continuation (the final reply is stripped of trailing space): start afresh
            out.println();
            out.print(visible);
            shown = visible;
        }
        out.flush();
    }
}
