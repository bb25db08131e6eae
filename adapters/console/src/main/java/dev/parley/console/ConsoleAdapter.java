package dev.parley.console;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * The local chat: each line read is a message from the person at the terminal, who is an admin of
 * the console scope, in a private conversation with the bot. Replies go to the output stream. It
 * waits for each answer before reading on, like a person at a terminal, and returns at end of input.
 */
public final class ConsoleAdapter {

    /** The scope, channel and author ids of the console conversation. */
    public static final String CONSOLE_ID = "console";

    private static final Author LOCAL_USER = new Author("local", "you", Set.of(), true, false);
    private static final Location CONSOLE = new Location(Platform.CONSOLE, CONSOLE_ID, CONSOLE_ID, null);

    private final ChatPipeline pipeline;
    private final BufferedReader in;
    private final PrintStream out;
    private final InstantSource clock;

    public ConsoleAdapter(ChatPipeline pipeline, BufferedReader in, PrintStream out, InstantSource clock) {
        this.pipeline = pipeline;
        this.in = in;
        this.out = out;
        this.clock = clock;
    }

    /**
     * Reads and answers lines until end of input.
     *
     * @return how many messages were handled
     */
    public int run() {
        int handled = 0;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                handled++;
                InboundMessage message = new InboundMessage(String.valueOf(handled), CONSOLE, LOCAL_USER, line,
                        null, true, true, clock.instant());
                answer(message);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the console", e);
        }
        return handled;
    }

    private void answer(InboundMessage message) {
        try {
            Outcome outcome = pipeline.handle(message, new ConsoleReplySink(out)).join();
            if (outcome instanceof Outcome.Ignored ignored) {
                out.println(ConsoleReplySink.NOTICE_PREFIX + "ignored: " + ignored.reason());
            }
        } catch (CompletionException e) {
            // one failed message must not end the session
            out.println(ConsoleReplySink.NOTICE_PREFIX + "something went wrong: " + e.getCause().getMessage());
        }
        out.flush();
    }
}
