package dev.parley.model.batch;

import dev.parley.model.llamacpp.ReplyTokens;
import dev.parley.model.llamacpp.SamplerParameters;
import dev.parley.model.llamacpp.StopReason;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One reply a {@link BatchScheduler} generates beside others: the decode thread hands it tokens,
 * the reader takes them with {@link #next()}, which waits for a sequence and for each token.
 * {@link #cancel()} ends the reader's wait at once; the scheduler lets go of the sequence at its
 * next step, without waiting for the other replies, and aborts a decode in which no other reply
 * takes part.
 */
public final class ScheduledReply implements ReplyTokens {

    private final BatchScheduler scheduler;
    private final int[] prompt;
    private final int turnsEnd;
    private final SamplerParameters sampler;
    private final int maxTokens;
    private final float[] scales; // trailing zeros trimmed, so equal sets of adapters compare equal
    private volatile boolean cancelled;
    // guarded by this
    private int[] ready = new int[16];
    private int readCount;
    private int writeCount;
    private @Nullable StopReason stopReason;
    private @Nullable RuntimeException failure;
    private int promptTokensDecoded = -1;

    ScheduledReply(BatchScheduler scheduler, int[] prompt, int turnsEnd, SamplerParameters sampler, int maxTokens, float[] loraScales) {
        this.scheduler = scheduler;
        this.prompt = prompt.clone();
        this.turnsEnd = turnsEnd;
        this.sampler = sampler;
        this.maxTokens = maxTokens;
        int length = loraScales.length;
        while (length > 0 && loraScales[length - 1] == 0) {
            length--;
        }
        this.scales = Arrays.copyOf(loraScales, length);
    }

    /**
     * The next token, waiting for it; {@link #END} once the reply stopped ({@link #stopReason()}).
     *
     * @throws dev.parley.model.llamacpp.LlamaCppException once, if llama.cpp failed the reply's batch
     * @throws IllegalStateException if the thread is interrupted while it waits (the reply is cancelled)
     */
    @Override
    public synchronized int next() {
        while (true) {
            if (cancelled) {
                return END;
            }
            if (readCount < writeCount) {
                return ready[readCount++];
            }
            RuntimeException failed = failure;
            if (failed != null) {
                failure = null;
                throw failed;
            }
            if (stopReason != null) {
                return END;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                throw new IllegalStateException("interrupted while waiting for the next token; the reply was cancelled", e);
            }
        }
    }

    @Override
    public void cancel() {
        synchronized (this) {
            cancelled = true;
            if (stopReason == null) {
                stopReason = StopReason.CANCELLED;
            }
            notifyAll();
        }
        scheduler.cancelled();
    }

    @Override
    public void close() {
        cancel();
    }

    /** Why the reply stopped, or empty while it may still produce tokens. */
    public synchronized Optional<StopReason> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /**
     * How many prompt tokens the reply decodes: its prompt less what its sequence held from the
     * conversation's turn before; -1 until it has a sequence.
     */
    public synchronized int promptTokensDecoded() {
        return promptTokensDecoded;
    }

    boolean isCancelled() {
        return cancelled;
    }

    int[] prompt() {
        return prompt;
    }

    /** How many leading tokens of the prompt are the conversation's turns, before the template's opening of the reply. */
    int turnsEnd() {
        return turnsEnd;
    }

    SamplerParameters sampler() {
        return sampler;
    }

    int maxTokens() {
        return maxTokens;
    }

    float[] scales() {
        return scales;
    }

    synchronized void started(int decoded) {
        promptTokensDecoded = decoded;
    }

    synchronized void offer(int token) {
        if (writeCount == ready.length) {
            ready = Arrays.copyOf(ready, ready.length * 2);
        }
        ready[writeCount++] = token;
        notifyAll();
    }

    synchronized void finish(StopReason reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        notifyAll();
    }

    synchronized void fail(RuntimeException cause) {
        if (stopReason == null) {
            stopReason = StopReason.CANCELLED;
            failure = cause;
        }
        notifyAll();
    }
}
