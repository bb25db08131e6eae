package dev.parley.bench.queue;

import dev.parley.core.model.ChatModel;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.ReplyStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A model stand-in: every reply is the same few pieces, the first after a fixed latency (and not
 * before {@link #open()} was called); counts
 * the streams open at once, so the harness can check the queue never ran more than the slots.
 * The soak harness ({@code dev.parley.bench.soak}) uses it too, opened from the start.
 */
public final class FixedLatencyModel implements ChatModel {

    private static final String[] PIECES = {"Here", " is", " an", " answer."};

    private final int slots;
    private final long latencyNanos;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final CountDownLatch gate = new CountDownLatch(1);

    public FixedLatencyModel(int slots, long latencyMicros) {
        this.slots = slots;
        this.latencyNanos = TimeUnit.MICROSECONDS.toNanos(latencyMicros);
    }

    /** Lets replies start: until then every stream waits, so a whole burst can queue up first. */
    public void open() {
        gate.countDown();
    }

    public int mostOpenAtOnce() {
        return mostOpen.get();
    }

    @Override
    public ReplyStream stream(ChatRequest request) {
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        return new ReplyStream() {
            private int next;
            private boolean closed;

            @Override
            public @Nullable String next() {
                if (next == 0) {
                    awaitGate();
                }
                if (next == 0 && latencyNanos > 0) {
                    long end = System.nanoTime() + latencyNanos;
                    for (long left = latencyNanos; left > 0; left = end - System.nanoTime()) {
                        LockSupport.parkNanos(left);
                    }
                }
                return next < PIECES.length ? PIECES[next++] : null;
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    open.decrementAndGet();
                }
            }
        };
    }

    private void awaitGate() {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public int countTokens(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words; // a word a token, without a regex: the stand-in must cost next to nothing
    }

    @Override
    public int contextSize() {
        return 4096;
    }

    @Override
    public int parallelSlots() {
        return slots;
    }

    @Override
    public int busySlots() {
        return open.get();
    }

    @Override
    public void close() {}
}
