package dev.parley.console;

import dev.parley.core.command.CommandLine;
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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * The local chat: each line read is a message from the person at the terminal, who is an admin of
 * the console scope, in a private conversation with the bot. Replies go to the output stream.
 * Questions are answered one after another, in the order typed; input is read while an answer
 * streams, so that a command ({@code /stop}) typed meanwhile runs at once. Returns at end of
 * input, once every question typed has been answered.
 */
public final class ConsoleAdapter {

    /** The scope, channel and author ids of the console conversation. */
    public static final String CONSOLE_ID = "console";

    /** What an interactive console shows once it can take questions. */
    public static final String READY = "Parley is ready: type a message and press Enter; /help lists the commands,"
            + " /stop stops an answer, Ctrl-D quits.";

    /** Shown before each question on an interactive console. */
    public static final String PROMPT = "> ";

    private static final Author LOCAL_USER = new Author("local", "you", Set.of(), true, false);
    private static final Location CONSOLE = new Location(Platform.CONSOLE, CONSOLE_ID, CONSOLE_ID, null);

    /** What the input thread and the answers tell the console's own thread. */
    private sealed interface Event {
        record Typed(String line) implements Event {}

        record InputEnded(@Nullable IOException failure) implements Event {}

        record Answered(@Nullable Outcome outcome, @Nullable Throwable failure) implements Event {}
    }

    private final ChatPipeline pipeline;
    private final BufferedReader in;
    private final Terminal terminal;
    private final InstantSource clock;
    private final boolean interactive;
    private int handled;

    /** A console for piped input: no ready line, no prompt. */
    public ConsoleAdapter(ChatPipeline pipeline, BufferedReader in, PrintStream out, InstantSource clock) {
        this(pipeline, in, out, clock, false);
    }

    /**
     * @param interactive whether a person types at a terminal: then the console says when it is
     *     ready and shows {@link #PROMPT} whenever it waits for a question
     */
    public ConsoleAdapter(ChatPipeline pipeline, BufferedReader in, PrintStream out, InstantSource clock,
            boolean interactive) {
        this.pipeline = pipeline;
        this.in = in;
        this.terminal = new Terminal(out);
        this.clock = clock;
        this.interactive = interactive;
    }

    /**
     * Reads and answers lines until end of input.
     *
     * @return how many messages were handled
     */
    public int run() {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        // a daemon: a person who never presses Ctrl-D must not keep the JVM from exiting
        Thread.ofPlatform().daemon().name("console-input").start(() -> read(events));
        Deque<String> waiting = new ArrayDeque<>();
        boolean answering = false;
        boolean inputOpen = true;
        boolean promptDue = interactive;
        if (interactive) {
            terminal.line(READY);
        }
        try {
            while (inputOpen || answering || !waiting.isEmpty()) {
                if (promptDue && !answering && waiting.isEmpty() && inputOpen) {
                    terminal.endLine();
                    terminal.print(PROMPT);
                }
                promptDue = false;
                Event event = events.take();
                if (interactive && event instanceof Event.Typed) {
                    terminal.inputEnded(); // the person pressed Enter
                }
                switch (event) {
                    case Event.Typed(String line) when line.isBlank() -> promptDue = interactive;
                    case Event.Typed(String line) -> {
                        if (answering && CommandLine.parse(line) != null) {
                            // a command does not wait for the answer: /stop is for the answer streaming now
                            report(join(message(line)), null);
                        } else {
                            waiting.add(line);
                        }
                    }
                    case Event.InputEnded(IOException failure) -> {
                        if (failure != null) {
                            throw new UncheckedIOException("could not read the console", failure);
                        }
                        inputOpen = false;
                    }
                    case Event.Answered(Outcome outcome, Throwable failure) -> {
                        answering = false;
                        report(outcome, failure);
                        promptDue = interactive;
                    }
                }
                if (!answering && !waiting.isEmpty()) {
                    answering = true;
                    pipeline.handle(message(waiting.poll()), new ConsoleReplySink(terminal))
                            .whenComplete((outcome, failure) -> events.add(new Event.Answered(outcome, failure)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        terminal.endLine();
        return handled;
    }

    private void read(BlockingQueue<Event> events) {
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                events.add(new Event.Typed(line));
            }
            events.add(new Event.InputEnded(null));
        } catch (IOException e) {
            events.add(new Event.InputEnded(e));
        }
    }

    private InboundMessage message(String line) {
        handled++;
        return new InboundMessage(String.valueOf(handled), CONSOLE, LOCAL_USER, line, null, true, true, clock.instant());
    }

    private @Nullable Outcome join(InboundMessage message) {
        try {
            return pipeline.handle(message, new ConsoleReplySink(terminal)).join();
        } catch (CompletionException e) {
            report(null, e.getCause());
            return null;
        }
    }

    private void report(@Nullable Outcome outcome, @Nullable Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            // one failed message must not end the session
            terminal.line(ConsoleReplySink.NOTICE_PREFIX + "something went wrong: " + cause.getMessage());
        } else if (outcome instanceof Outcome.Ignored ignored) {
            terminal.line(ConsoleReplySink.NOTICE_PREFIX + "ignored: " + ignored.reason());
        }
    }
}
