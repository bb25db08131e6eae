package dev.parley.core.reply;

import dev.parley.core.ratelimit.OutboundSend;
import dev.parley.core.ratelimit.SendResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A conversation's outbound line for tests: one send per {@code interval} of a clock the test moves
 * by hand, a pause asked for by a send delaying that same send, as the adapters' scheduler does.
 */
final class PacedLine implements OutboundLine {

    private final Duration interval;
    private final ArrayDeque<OutboundSend> waiting = new ArrayDeque<>();
    private final List<SendResult> results = new ArrayList<>();
    private Instant now = Instant.parse("2026-12-06T12:00:00Z");
    private Instant nextAllowed = now;

    PacedLine(Duration interval) {
        this.interval = interval;
    }

    @Override
    public synchronized void enqueue(OutboundSend send) {
        waiting.addLast(send);
    }

    /** Sends waiting. */
    synchronized int waiting() {
        return waiting.size();
    }

    /** What each send that ran said, in order. */
    synchronized List<SendResult> results() {
        return List.copyOf(results);
    }

    /** Moves the clock by {@code elapsed} and runs what became due, one send per interval. */
    void advance(Duration elapsed) {
        Instant until;
        synchronized (this) {
            until = now.plus(elapsed);
        }
        while (true) {
            OutboundSend send;
            synchronized (this) {
                if (waiting.isEmpty() || nextAllowed.isAfter(until)) {
                    now = until;
                    return;
                }
                now = nextAllowed.isAfter(now) ? nextAllowed : now;
                send = waiting.peekFirst();
            }
            SendResult result = send.send();
            synchronized (this) {
                results.add(result);
                if (result instanceof SendResult.RetryAfter pause) {
                    nextAllowed = now.plus(pause.delay());
                } else {
                    waiting.removeFirst();
                    nextAllowed = now.plus(interval);
                }
            }
        }
    }

    /** Runs everything waiting, however long the pacing takes. */
    void drain() {
        for (int turns = 0; waiting() > 0; turns++) {
            if (turns > 1_000) {
                throw new AssertionError("the line never drains");
            }
            advance(Duration.ofMinutes(1));
        }
    }
}
