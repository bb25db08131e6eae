package dev.parley.model.batch;

import dev.parley.model.llamacpp.BatchDecoder;
import dev.parley.model.llamacpp.LlamaCppException;
import dev.parley.model.llamacpp.LlamaCppModel;
import dev.parley.model.llamacpp.Sampler;
import dev.parley.model.llamacpp.SamplerParameters;
import dev.parley.model.llamacpp.StopReason;
import dev.parley.model.llamacpp.TokenBatch;
import dev.parley.model.stats.CacheCounters;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous batching over the sequences of one {@link LlamaCppModel}: a single daemon thread
 * decodes, each step, the next token of every reply that is generating and the next chunk of
 * every prompt that is being read, in one {@code llama_decode}, then samples each reply with its
 * own chain and hands it the token. A request joins at the next step when a sequence is idle
 * (else it waits its turn, first come first served); a reply that ends or is cancelled leaves
 * at the next step, without waiting for the others, and a decode in which only cancelled replies
 * take part is aborted at once.
 *
 * <p>Replies whose LoRA adapter scales differ are never in one batch: each step serves the
 * scales of the reply served longest ago, and only the replies with those scales.
 *
 * <p>The conversation cache ({@link SequenceChoice}): a sequence keeps what it decoded when its
 * reply ends, and a request takes the idle sequence holding most of its prompt, so the next turn
 * of a conversation decodes only what is new (from where it parts from what the sequence holds,
 * which is before the reply when the template renders an earlier reply differently); when none
 * does, an empty sequence or the least recently used one. A new conversation that opens as
 * another sequence's does (the same persona's system prompt) gets that opening copied into its
 * sequence and decodes only the rest ({@link #cacheCounters()}). With a host-memory budget, an
 * evicted conversation's KV state is kept in host memory and restored when it continues, or when
 * a new one opens with its system prompt ({@link HostKvStore}).
 */
public final class BatchScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatchScheduler.class);

    private final BatchDecoder decoder;
    private final SequenceCache cache;
    private final TokenBatch batch;
    private final StepClock clock;
    private final Function<SamplerParameters, Sampler> samplers;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // guarded by lock
    private final ArrayDeque<ScheduledReply> waiting = new ArrayDeque<>();
    private boolean signalled;
    private boolean closed;
    private @Nullable List<ActiveSequence> inFlight; // the replies of the decode running (inBatch), if any
    private boolean abortRequested;
    // decode thread only
    private final List<ActiveSequence> active = new ArrayList<>();
    // reused step after step, so that a generated token allocates nothing on this thread
    private final NextBatch next;
    private final List<ActiveSequence> inBatch; // next's members
    private final List<ScheduledReply> joining = new ArrayList<>();
    private long step;

    /**
     * Starts the decode thread, a daemon named {@code threadName}, over {@code model}'s
     * sequences, without a host-memory store. The scheduler owns decoding on the model from now
     * on; close it before the model.
     */
    public BatchScheduler(LlamaCppModel model, String threadName) {
        this(model, threadName, 0);
    }

    /**
     * As {@link #BatchScheduler(LlamaCppModel, String)}, keeping evicted conversations' KV states
     * in up to {@code hostCacheBytes} bytes of host memory (0: none), dropped when it closes.
     */
    public BatchScheduler(LlamaCppModel model, String threadName, long hostCacheBytes) {
        this(model, threadName, hostCacheBytes, Sampler::of);
    }

    /** As above, each reply's sampler made by {@code samplers}: tests make one fail. */
    BatchScheduler(LlamaCppModel model, String threadName, long hostCacheBytes, Function<SamplerParameters, Sampler> samplers) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(threadName, "threadName");
        this.samplers = Objects.requireNonNull(samplers, "samplers");
        this.decoder = model.batchDecoder();
        this.cache = new SequenceCache(decoder, new HostKvStore(decoder, hostCacheBytes));
        this.next = new NextBatch(decoder.batchSize());
        this.batch = next.tokens();
        this.inBatch = next.members();
        this.clock = StepClock.of(decoder);
        // daemon: a main that returns must let the JVM exit with a model still open
        this.thread = Thread.ofPlatform().daemon().name(threadName).unstarted(this::run);
        thread.start();
    }

    /**
     * {@link #submit(int[], SamplerParameters, int, float[], int) Queues} a reply to a prompt all
     * of whose tokens count as turns: a next turn must keep every one to continue its sequence.
     */
    public ScheduledReply submit(int[] prompt, SamplerParameters sampler, int maxTokens, float[] loraScales) {
        Objects.requireNonNull(prompt, "prompt");
        return submit(prompt, sampler, maxTokens, loraScales, prompt.length);
    }

    /**
     * Queues a reply to {@code prompt}, whose first {@code turnsEnd} tokens are the conversation's
     * turns and the rest the chat template's opening of the reply; it starts at the next step with
     * an idle sequence. A later request that keeps those turns continues the sequence even where
     * it parts from the opening or the reply (Qwen3 renders an earlier reply without its empty
     * thinking block): the sequence forgets what it holds from there on.
     *
     * @param prompt at least one token, fewer than the context of a sequence
     * @param turnsEnd 0 to {@code prompt.length}; {@code prompt.length} when the opening is not known
     * @param maxTokens the most tokens to generate, at least 1
     * @param loraScales the scale of each loaded adapter by index, finite; missing or 0: off
     * @throws IllegalStateException if the scheduler is closed
     */
    public ScheduledReply submit(int[] prompt, SamplerParameters sampler, int maxTokens, float[] loraScales, int turnsEnd) {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(sampler, "sampler");
        Objects.requireNonNull(loraScales, "loraScales");
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt must hold at least one token");
        }
        if (turnsEnd < 0 || turnsEnd > prompt.length) {
            throw new IllegalArgumentException("turnsEnd must be in 0.." + prompt.length + ", was " + turnsEnd);
        }
        if (prompt.length >= decoder.contextSize()) {
            throw new LlamaCppException("a prompt of " + prompt.length + " tokens does not fit a context of " + decoder.contextSize());
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        }
        for (float scale : loraScales) {
            if (!Float.isFinite(scale)) {
                throw new IllegalArgumentException("a LoRA scale must be finite, was " + scale);
            }
        }
        ScheduledReply reply = new ScheduledReply(this, prompt, turnsEnd, sampler, maxTokens, loraScales);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the batch scheduler is closed");
            }
            waiting.add(reply);
            signalled = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
        return reply;
    }

    /** How the conversation cache has served requests so far. */
    public CacheCounters cacheCounters() {
        return cache.counters();
    }

    /** Where the decode thread's busy time went so far: inside the native decode and sample calls or outside them. */
    public DecodeThreadTimes decodeThreadTimes() {
        return clock.times();
    }

    /** Sequences of the context: the most replies generated at once. */
    public int sequences() {
        return decoder.sequences();
    }

    /**
     * Ends every reply (cancelled), aborts a running decode and waits for the decode thread to
     * finish. Idempotent. Close the model after this.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
        decoder.abort();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        cache.dropStored();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Tells the decode thread that a reply was cancelled: it lets it go at the next step, and a
     * decode running for cancelled replies only is aborted at once.
     */
    void cancelled() {
        lock.lock();
        try {
            signalled = true;
            changed.signal();
            List<ActiveSequence> running = inFlight;
            if (running != null && !abortRequested && running.stream().allMatch(sequence -> sequence.reply().isCancelled())) {
                abortRequested = true;
                decoder.abort();
            }
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            List<ScheduledReply> joiners;
            while ((joiners = nextJoining()) != null) {
                for (ScheduledReply reply : joiners) {
                    join(reply);
                }
                leaveFinished();
                if (!active.isEmpty()) {
                    clock.stepStarted();
                    step();
                    clock.stepEnded(next.sequenceRuns());
                    leaveFinished();
                }
            }
        } catch (RuntimeException | Error e) {
            log.error("the batch decode thread failed; the model's replies end", e);
            for (ActiveSequence sequence : active) {
                sequence.fail(e instanceof RuntimeException runtime ? runtime : new LlamaCppException("decode thread failed: " + e, e));
            }
            throw e;
        } finally {
            endAll();
        }
    }

    /** Waits until there is work; the replies that join now (as many as idle sequences), or null once closed. */
    private List<ScheduledReply> nextJoining() {
        lock.lock();
        try {
            while (!closed && !signalled && active.isEmpty() && (waiting.isEmpty() || cache.idle() == 0)) {
                clock.idle();
                changed.awaitUninterruptibly();
            }
            signalled = false;
            if (closed) {
                return null;
            }
            joining.clear();
            int idle = cache.idle();
            while (joining.size() < idle && !waiting.isEmpty()) {
                ScheduledReply reply = waiting.poll();
                if (reply.isCancelled()) {
                    reply.finish(StopReason.CANCELLED);
                } else {
                    joining.add(reply);
                }
            }
            return joining;
        } finally {
            lock.unlock();
        }
    }

    /** Gives {@code reply} the sequence the cache chooses, holding what of it the prompt continues. */
    private void join(ScheduledReply reply) {
        SequenceChoice choice = cache.take(reply.prompt(), reply.turnsEnd(), reply.scales());
        int sequence = choice.sequence();
        Sampler sampler = null;
        try {
            int kept = cache.hold(choice, reply.scales());
            sampler = samplers.apply(reply.sampler());
            reply.started(reply.prompt().length - kept);
            active.add(new ActiveSequence(reply, sequence, kept, sampler, decoder.contextSize()));
        } catch (RuntimeException e) {
            if (sampler != null) {
                sampler.close();
            }
            clear(sequence); // hold may have kept, copied or restored cells the cache would no longer count
            cache.release(sequence);
            reply.fail(e);
        }
    }

    /**
     * One {@code llama_decode} of the replies with the scales of the one served longest ago, which
     * samples each reply's next token in the same native call; the decode thread hands it over.
     */
    private void step() {
        step++;
        float[] scales = next.compose(active, step);
        if (scales == null || inBatch.isEmpty()) {
            return;
        }
        BatchDecoder.Outcome outcome;
        try {
            outcome = decode(scales);
        } catch (LlamaCppException e) {
            log.warn("a batch of {} tokens for {} replies failed: {}", batch.size(), inBatch.size(), e.getMessage());
            inBatch.forEach(sequence -> forgetAfterFailure(sequence, () -> sequence.fail(e)));
            return;
        }
        switch (outcome) {
            // closing, or every reply in the batch was cancelled
            case ABORTED -> inBatch.forEach(sequence -> forgetAfterFailure(sequence, () -> sequence.finish(StopReason.CANCELLED)));
            case NO_ROOM -> inBatch.forEach(sequence -> forgetAfterFailure(sequence, () -> sequence.finish(StopReason.CONTEXT_FULL)));
            case DECODED -> {
                for (ActiveSequence sequence : inBatch) {
                    sequence.decoded(cache);
                    int index = sequence.logitsIndex();
                    if (index >= 0 && !sequence.reply().isCancelled()) {
                        sequence.sampled(batch.sampledToken(index), batch.endsGeneration(index));
                    }
                }
            }
        }
    }

    /**
     * Decodes the batch and samples it, marked as in flight so that a cancel of all its replies
     * can abort it ({@code inBatch} does not change until the decode returns).
     */
    private BatchDecoder.Outcome decode(float[] scales) {
        lock.lock();
        try {
            inFlight = inBatch;
        } finally {
            lock.unlock();
        }
        try {
            return decoder.decodeAndSample(batch, scales);
        } finally {
            lock.lock();
            try {
                inFlight = null;
                if (abortRequested && !closed) {
                    decoder.resume(); // under the lock: no cancel can abort the next batch meanwhile
                }
                abortRequested = false;
            } finally {
                lock.unlock();
            }
        }
    }

    // a batch that failed may have kept part of itself: the sequence's contents are unknown
    private void forgetAfterFailure(ActiveSequence sequence, Runnable end) {
        clear(sequence.sequence());
        end.run();
    }

    private void clear(int sequence) {
        decoder.forget(sequence, 0);
        cache.keep(sequence, 0, new float[0]);
    }

    /** Lets replies that ended or were cancelled go: their samplers are freed, their sequences idle. */
    private void leaveFinished() {
        // an index loop rather than removeIf: no lambda object a step; in order, as the cache
        // remembers which sequence was released last
        for (int i = 0; i < active.size(); ) {
            ActiveSequence sequence = active.get(i);
            if (!sequence.done() && !sequence.reply().isCancelled()) {
                i++;
                continue;
            }
            active.remove(i);
            sequence.sampler().close();
            cache.release(sequence.sequence());
            sequence.finish(StopReason.CANCELLED); // a reply that ended keeps its own reason
        }
    }

    private void endAll() {
        for (ActiveSequence sequence : active) {
            sequence.finish(StopReason.CANCELLED);
            sequence.sampler().close();
        }
        active.clear();
        lock.lock();
        try {
            closed = true;
            waiting.forEach(reply -> reply.finish(StopReason.CANCELLED));
            waiting.clear();
        } finally {
            lock.unlock();
        }
    }
}
