package dev.parley.model.llamacpp;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sequences of one {@link LlamaCppModel}'s context, decoded together: one
 * {@code llama_decode} takes the next tokens of several conversations ({@link TokenBatch}), each
 * conversation is then sampled from its own logits with its own {@link Sampler}, and a
 * sequence's tokens can be forgotten from a position on or replaced by a copy of another's.
 * Every argument is checked here before native code sees it; llama.cpp's failures come back as
 * {@link LlamaCppException}. Thread-safe (calls are serialised with the model's other native
 * work), though one thread is meant to drive it.
 */
public final class BatchDecoder {

    /** What one {@link #decode} did. */
    public enum Outcome {
        /** Every entry was decoded. */
        DECODED,
        /** The context had no room for the batch; nothing of it may be relied on. */
        NO_ROOM,
        /** {@link #abort()} stopped it; what the batch's sequences hold is unknown (forget them). */
        ABORTED
    }

    private final LlamaCppModel model;
    // guarded by the model's work lock: the entries of the last decode that kept logits, and
    // the adapter scales the context applies
    private final boolean[] sampleable;
    private int sampleableCount;
    private float[] appliedScales = new float[0];
    // sequences a copy between KV streams is pending for (as source or target): llama.cpp moves the
    // data at the next decode, so a state saved now would be stale and one restored now overwritten
    private final boolean[] copyPending;
    // native calls of decode, sample and isEndOfGeneration, and the time inside the decode and
    // sample ones (issue #16: what the Java side adds per token). Written under the work lock, so
    // one writer at a time; volatile, so the decode thread's clock reads them every step without
    // taking that lock
    private volatile long nativeCalls;
    private volatile long nativeNanos;

    BatchDecoder(LlamaCppModel model) {
        this.model = model;
        this.copyPending = new boolean[model.sequences()];
        this.sampleable = new boolean[model.parameters().batchSize()];
    }

    /** Sequences of the context, numbered {@code 0..sequences()-1}. */
    public int sequences() {
        return model.sequences();
    }

    /** Tokens one sequence holds. */
    public int contextSize() {
        return model.contextSize();
    }

    /** The most entries one batch may have. */
    public int batchSize() {
        return model.parameters().batchSize();
    }

    /**
     * Decodes {@code batch} with the LoRA adapters at {@code loraScales} (by adapter index;
     * missing or 0: off). Each sequence's entries must continue it: positions rising by one from
     * the one after the last it holds.
     *
     * @throws IllegalArgumentException if an entry's token, sequence or position is out of range,
     *     or the batch is empty or larger than {@link #batchSize()}
     * @throws LlamaCppException if llama.cpp refuses or fails the batch
     */
    public Outcome decode(TokenBatch batch, float[] loraScales) {
        return run(batch, loraScales, false);
    }

    /**
     * {@link #decode}, and then, in the same native call, each entry added with a
     * {@link Sampler} ({@link TokenBatch#add(int, int, int, Sampler)}) sampled from its logits and
     * checked for an end of generation ({@link TokenBatch#sampledToken}, {@link
     * TokenBatch#endsGeneration}): one crossing into native code a generated token, where decode,
     * {@link #sample} and {@link #isEndOfGeneration} take three.
     *
     * @throws IllegalArgumentException as {@link #decode}
     * @throws LlamaCppException as {@link #decode}
     */
    public Outcome decodeAndSample(TokenBatch batch, float[] loraScales) {
        return run(batch, loraScales, true);
    }

    private Outcome run(TokenBatch batch, float[] loraScales, boolean sample) {
        Objects.requireNonNull(batch, "batch");
        AdapterScales.check(loraScales);
        int size = batch.size();
        if (size == 0 || size > batchSize()) {
            throw new IllegalArgumentException("a batch holds 1.." + batchSize() + " entries, this one " + size);
        }
        int vocabulary = model.vocabSize();
        int context = contextSize();
        for (int i = 0; i < size; i++) {
            int token = batch.tokens()[i];
            if (token < 0 || token >= vocabulary) {
                throw new IllegalArgumentException("token " + token + " is outside the vocabulary 0.." + (vocabulary - 1));
            }
            checkSequence(batch.sequences()[i]);
            if (batch.positions()[i] >= context) {
                throw new IllegalArgumentException("position " + batch.positions()[i] + " is beyond the context of " + context);
            }
        }
        ReentrantLock work = model.work();
        work.lock();
        try {
            long handle = model.contextHandle();
            model.adapters().checkScaleCount(loraScales);
            if (!AdapterScales.sameActive(loraScales, appliedScales)) {
                float[] scales = AdapterScales.active(loraScales);
                model.adapters().apply(handle, scales);
                appliedScales = scales;
            }
            sampleableCount = 0;
            long start = System.nanoTime();
            int code = sample
                    ? LlamaJni.decodeAndSample(handle, batch.tokens(), batch.positions(), batch.sequences(), batch.logits(), size,
                            batch.samplers(), batch.sampled())
                    : LlamaJni.decodeBatch(handle, batch.tokens(), batch.positions(), batch.sequences(), batch.logits(), size);
            nativeNanos += System.nanoTime() - start;
            nativeCalls++;
            if (code == LlamaJni.DECODED || code == LlamaJni.NO_ROOM) {
                Arrays.fill(copyPending, false); // llama_decode applied them before it looked for room
            }
            return switch (code) {
                case LlamaJni.DECODED -> {
                    System.arraycopy(batch.logits(), 0, sampleable, 0, size); // reused: no garbage a step
                    sampleableCount = size;
                    yield Outcome.DECODED;
                }
                case LlamaJni.NO_ROOM -> Outcome.NO_ROOM;
                case LlamaJni.CANCELLED -> Outcome.ABORTED;
                default -> throw new LlamaCppException("llama_decode failed with code " + code + " on a batch of " + size);
            };
        } finally {
            work.unlock();
        }
    }

    /**
     * Samples a token with {@code sampler} from the logits of entry {@code index} of the last
     * decoded batch; the chain records it.
     *
     * @throws IllegalArgumentException if that entry kept no logits
     */
    public int sample(Sampler sampler, int index) {
        Objects.requireNonNull(sampler, "sampler");
        ReentrantLock work = model.work();
        work.lock();
        try {
            long context = model.contextHandle();
            if (index < 0 || index >= sampleableCount || !sampleable[index]) {
                throw new IllegalArgumentException("entry " + index + " of the last batch kept no logits");
            }
            long start = System.nanoTime();
            int token = LlamaJni.sampleAt(context, sampler.handle(), index);
            nativeNanos += System.nanoTime() - start;
            nativeCalls++;
            return token;
        } finally {
            work.unlock();
        }
    }

    /** Whether {@code token} ends a reply (end of turn, end of text). */
    public boolean isEndOfGeneration(int token) {
        model.checkTokens(new int[] {token});
        ReentrantLock work = model.work();
        work.lock();
        try {
            nativeCalls++;
            return LlamaJni.isEndOfGeneration(model.modelHandle(), token);
        } finally {
            work.unlock();
        }
    }

    /** Native calls {@link #decode}, {@link #sample} and {@link #isEndOfGeneration} made so far. */
    public long nativeCalls() {
        return nativeCalls;
    }

    /** Nanoseconds spent inside the native decode and sample calls so far. */
    public long nativeNanos() {
        return nativeNanos;
    }

    /**
     * Forgets what {@code sequence} holds from {@code position} on (0: all of it).
     *
     * @return false if the memory cannot drop only a suffix (recurrent models); then forget all
     */
    public boolean forget(int sequence, int position) {
        checkSequence(sequence);
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative, was " + position);
        }
        ReentrantLock work = model.work();
        work.lock();
        try {
            return LlamaJni.forgetSequence(model.contextHandle(), sequence, position);
        } finally {
            work.unlock();
        }
    }

    /**
     * Makes {@code target} hold exactly what {@code source} holds (a shared start of prompts,
     * decoded once). Whole sequences only: llama.cpp aborts on part of one between KV streams.
     */
    public void copy(int source, int target) {
        checkSequence(source);
        checkSequence(target);
        if (source == target) {
            throw new IllegalArgumentException("a sequence cannot be copied onto itself: " + source);
        }
        ReentrantLock work = model.work();
        work.lock();
        try {
            LlamaJni.copySequence(model.contextHandle(), source, target);
            copyPending[source] = true;
            copyPending[target] = true;
        } finally {
            work.unlock();
        }
    }

    /**
     * Makes {@code target} hold the first {@code count} positions of what {@code source} holds (a
     * persona's system prompt, decoded once): the whole sequence is copied, then the rest
     * forgotten, because with a KV stream per sequence llama.cpp copies between streams only
     * whole ones (and aborts on part of one). The copy itself happens at the next
     * {@link #decode}, before that batch is computed, so {@code source} may take part in it.
     *
     * @param count positions to keep, 0 or more
     * @return false if the memory cannot drop only a suffix (recurrent models); {@code target}
     *     then holds nothing
     */
    public boolean copyPrefix(int source, int target, int count) {
        checkSequence(source);
        checkSequence(target);
        if (source == target) {
            throw new IllegalArgumentException("a sequence cannot be copied onto itself: " + source);
        }
        if (count < 0 || count > contextSize()) {
            throw new IllegalArgumentException("count must be in 0.." + contextSize() + ", was " + count);
        }
        ReentrantLock work = model.work();
        work.lock();
        try {
            long context = model.contextHandle();
            LlamaJni.copySequence(context, source, target);
            copyPending[source] = true;
            copyPending[target] = true;
            if (LlamaJni.forgetSequence(context, target, count)) {
                return true;
            }
            LlamaJni.forgetSequence(context, target, 0);
            return false;
        } finally {
            work.unlock();
        }
    }

    /**
     * Whether a copy from or into {@code sequence} waits for the next {@link #decode}: until then
     * its state can be neither saved nor restored.
     */
    public boolean copyPending(int sequence) {
        checkSequence(sequence);
        ReentrantLock work = model.work();
        work.lock();
        try {
            return copyPending[sequence];
        } finally {
            work.unlock();
        }
    }

    /** Bytes {@link #saveState} would take for what {@code sequence} holds now (its cells, not its whole stream). */
    public long stateSize(int sequence) {
        checkSequence(sequence);
        ReentrantLock work = model.work();
        work.lock();
        try {
            return LlamaJni.sequenceStateSize(model.contextHandle(), sequence);
        } finally {
            work.unlock();
        }
    }

    /**
     * What {@code sequence} holds (positions and every layer's K and V of its cells), in host
     * memory, for {@link #restoreState} into any sequence of this context later.
     *
     * @throws IllegalStateException if a copy from or into it is pending ({@link #copyPending})
     * @throws IllegalArgumentException if the state would not fit a Java array
     * @throws LlamaCppException if llama.cpp fails
     */
    public byte[] saveState(int sequence) {
        checkSequence(sequence);
        ReentrantLock work = model.work();
        work.lock();
        try {
            requireNoCopy(sequence);
            long context = model.contextHandle();
            long size = LlamaJni.sequenceStateSize(context, sequence);
            if (size > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("the state of sequence " + sequence + " is " + size + " bytes, more than a Java array holds");
            }
            return LlamaJni.saveSequence(context, sequence, size);
        } finally {
            work.unlock();
        }
    }

    /**
     * Makes {@code sequence} hold what {@code state} ({@link #saveState} of this context) held,
     * instead of what it holds; it then holds nothing if llama.cpp refuses the state.
     *
     * @throws IllegalStateException if a copy from or into it is pending ({@link #copyPending})
     * @throws LlamaCppException if llama.cpp refuses the state (another model's, or no room)
     */
    public void restoreState(int sequence, byte[] state) {
        checkSequence(sequence);
        Objects.requireNonNull(state, "state");
        if (state.length == 0) {
            throw new IllegalArgumentException("an empty state");
        }
        ReentrantLock work = model.work();
        work.lock();
        try {
            requireNoCopy(sequence);
            LlamaJni.restoreSequence(model.contextHandle(), sequence, state);
        } finally {
            work.unlock();
        }
    }

    private void requireNoCopy(int sequence) {
        if (copyPending[sequence]) {
            throw new IllegalStateException("a copy from or into sequence " + sequence + " waits for the next decode");
        }
    }

    /**
     * Makes a running decode, and every later one until {@link #resume()}, return
     * {@link Outcome#ABORTED} at once. From any thread.
     */
    public void abort() {
        model.abortDecoding();
    }

    /** Lets decodes run again after {@link #abort()}. */
    public void resume() {
        model.resumeDecoding();
    }

    private void checkSequence(int sequence) {
        if (sequence < 0 || sequence >= sequences()) {
            throw new IllegalArgumentException("sequence " + sequence + " is outside 0.." + (sequences() - 1));
        }
    }
}
