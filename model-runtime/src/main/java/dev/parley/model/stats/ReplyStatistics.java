package dev.parley.model.stats;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The {@link ModelStats} of one model, fed by its reply streams: each stream records its start,
 * every token and its end through a {@link Reply}. Thread-safe.
 *
 * <p>Time comes from a {@link Nanos} source so tests can drive it without sleeping.
 */
public final class ReplyStatistics implements ModelStats {

    /** How many recent replies {@link #generationTokensPerSecond()} averages over. */
    public static final int WINDOW = 32;

    /** A monotonic clock in nanoseconds, such as {@link System#nanoTime()}. */
    @FunctionalInterface
    public interface Nanos {
        long now();
    }

    private final Nanos clock;
    private final BooleanSupplier loaded;
    private final IntSupplier busySlots;
    private final int parallelSlots;
    private final Supplier<CacheCounters> conversationCache;
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final Deque<long[]> recent = new ArrayDeque<>(); // {tokens after the first, nanos}; guarded by itself
    private volatile long lastTimeToFirstToken = -1;

    /** The figures of a model without a conversation cache. */
    public ReplyStatistics(Nanos clock, BooleanSupplier loaded, IntSupplier busySlots, int parallelSlots) {
        this(clock, loaded, busySlots, parallelSlots, () -> CacheCounters.NONE);
    }

    /** The figures of a model whose conversation cache counts in {@code conversationCache}. */
    public ReplyStatistics(Nanos clock, BooleanSupplier loaded, IntSupplier busySlots, int parallelSlots,
            Supplier<CacheCounters> conversationCache) {
        this.clock = clock;
        this.loaded = loaded;
        this.busySlots = busySlots;
        this.parallelSlots = parallelSlots;
        this.conversationCache = conversationCache;
    }

    /** Starts recording a reply that was requested now. */
    public Reply start() {
        return new Reply(clock.now());
    }

    @Override
    public boolean loaded() {
        return loaded.getAsBoolean();
    }

    @Override
    public int busySlots() {
        return busySlots.getAsInt();
    }

    @Override
    public int parallelSlots() {
        return parallelSlots;
    }

    @Override
    public CacheCounters conversationCache() {
        return conversationCache.get();
    }

    @Override
    public long tokensGenerated() {
        return tokens.get();
    }

    @Override
    public long repliesCompleted() {
        return replies.get();
    }

    @Override
    public double generationTokensPerSecond() {
        long count = 0;
        long nanos = 0;
        synchronized (recent) {
            for (long[] reply : recent) {
                count += reply[0];
                nanos += reply[1];
            }
        }
        return nanos == 0 ? 0 : count * 1e9 / nanos;
    }

    @Override
    public Optional<Duration> lastTimeToFirstToken() {
        long nanos = lastTimeToFirstToken;
        return nanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    @Override
    public String toString() {
        return "ModelStats[loaded=" + loaded() + ", busySlots=" + busySlots() + "/" + parallelSlots
                + ", tokensGenerated=" + tokensGenerated() + ", repliesCompleted=" + repliesCompleted()
                + ", generationTokensPerSecond=" + Math.round(generationTokensPerSecond() * 10) / 10.0
                + ", lastTimeToFirstToken=" + lastTimeToFirstToken().map(Duration::toString).orElse("none") + "]";
    }

    /** The record of one reply, fed by its stream from whichever thread reads or closes it. */
    public final class Reply {
        private final long started;
        private long firstToken = -1;
        private long lastToken;
        private long count;
        private boolean ended;

        private Reply(long started) {
            this.started = started;
        }

        /** Records one generated token. */
        public synchronized void token() {
            long now = clock.now();
            if (count == 0) {
                firstToken = now;
                lastTimeToFirstToken = now - started;
            }
            lastToken = now;
            count++;
            tokens.incrementAndGet();
        }

        /** Records the end of the reply (complete, failed or cancelled); idempotent. */
        public synchronized void end() {
            if (ended) {
                return;
            }
            ended = true;
            replies.incrementAndGet();
            if (count >= 2 && lastToken > firstToken) {
                synchronized (recent) {
                    recent.addLast(new long[] {count - 1, lastToken - firstToken});
                    if (recent.size() > WINDOW) {
                        recent.removeFirst();
                    }
                }
            }
        }
    }
}
