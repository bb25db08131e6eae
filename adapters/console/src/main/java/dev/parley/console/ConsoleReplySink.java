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
    private int printed;

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
        // the pipeline strips the finished reply; print the remainder of what it ends with
        if (reply.length() > printed) {
            printNew(reply);
        }
        out.println();
        out.flush();
    }

    @Override
    public synchronized void withdraw(Notice replacement) {
        if (printed > 0) {
            out.println();
        }
        notice(replacement);
    }

    private void printNew(String text) {
        String leading = printed == 0 ? text.stripLeading() : text;
        int skipped = text.length() - leading.length();
        int from = Math.max(printed, skipped);
        if (from < text.length()) {
            out.print(text.substring(from));
            out.flush();
        }
        printed = Math.max(printed, text.length());
    }
}
