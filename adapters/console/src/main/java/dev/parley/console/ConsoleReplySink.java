package dev.parley.console;

import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.ReplySink;

/**
 * Prints one reply to a terminal as it streams: each update prints only what is new, so the text
 * appears word by word. Notices are prefixed so they are never mistaken for the model's words.
 */
final class ConsoleReplySink implements ReplySink {

    static final String NOTICE_PREFIX = "[parley] ";

    private final Terminal terminal;
    private String shown = "";

    ConsoleReplySink(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public synchronized void notice(Notice notice) {
        terminal.line(NOTICE_PREFIX + notice.text());
    }

    @Override
    public synchronized void progress(String visibleSoFar) {
        printNew(visibleSoFar);
    }

    @Override
    public synchronized void complete(String reply) {
        printNew(reply);
        terminal.print(System.lineSeparator());
    }

    @Override
    public synchronized void withdraw(Notice replacement) {
        notice(replacement);
    }

    /** Prints what {@code text} adds to what is on screen; the pipeline only ever grows it. */
    private void printNew(String text) {
        String visible = text.stripLeading();
        if (visible.startsWith(shown)) {
            terminal.print(visible.substring(shown.length()));
            shown = visible;
        } else if (!shown.startsWith(visible)) {
            // not a continuation (the final reply is stripped of trailing space): start afresh
            terminal.print(System.lineSeparator());
            terminal.print(visible);
            shown = visible;
        }
    }
}
