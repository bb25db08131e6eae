package dev.parley.model.batch;

import dev.parley.model.llamacpp.BatchDecoder;
import dev.parley.model.stats.CacheCounters;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which tokens each sequence of the context holds (from position 0, with the adapter scales they
 * were decoded with), which sequences are taken, and the counters of the conversation cache; it
 * gives a request the sequence {@link SequenceChoice} chooses and makes it hold what the choice
 * keeps. A conversation evicted from its sequence is saved to the {@link HostKvStore} first, and a
 * request it serves better than any sequence gets it restored. Only the decode thread changes it;
 * {@link #counters()} may be read from any thread.
 */
final class SequenceCache {

    /**
     * The fewest leading tokens worth copying from another sequence. A copy between KV streams
     * moves the whole stream (every cell of a sequence's context), which cost about as much as
     * decoding one prompt token where it was measured (docs/models.md), more with a larger KV
     * cache per token; and below this a shared opening is the start token and the template's
     * first markers, not a persona's system prompt.
     */
    static final int MIN_SHARED = 16;

    private final int[][] tokens;
    private final int[] counts;
    private final float[][] scales;
    // the turns of the prompt last read into each sequence, before the template's opening of the
    // reply: a prompt that keeps them continues that conversation (Qwen3 renders the opening and
    // the reply differently once the reply is an earlier turn)
    private final int[] turnsEnds;
    private final long[] lastUsed;
    private final boolean[] taken;
    private long uses;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong prefixHits = new AtomicLong();
    private final AtomicLong tokensReused = new AtomicLong();
    private final BatchDecoder decoder;
    private final HostKvStore host;

    /** The cache of {@code decoder}'s sequences, all empty, evicting into {@code host}. */
    SequenceCache(BatchDecoder decoder, HostKvStore host) {
        this.decoder = decoder;
        this.host = host;
        int sequences = decoder.sequences();
        tokens = new int[sequences][];
        Arrays.setAll(tokens, i -> new int[64]);
        counts = new int[sequences];
        scales = new float[sequences][];
        Arrays.setAll(scales, i -> new float[0]);
        turnsEnds = new int[sequences];
        lastUsed = new long[sequences];
        taken = new boolean[sequences];
    }

    /** Sequences not taken. */
    int idle() {
        int idle = 0;
        for (boolean busy : taken) {
            idle += busy ? 0 : 1;
        }
        return idle;
    }

    /**
     * Takes the sequence {@link SequenceChoice#of} chooses for {@code prompt}, counting a hit or a
     * miss. A miss saves the conversation it evicts to the {@link HostKvStore} first, then restores
     * a stored one when it serves the prompt better ({@link SequenceChoice#orRestoring}). Call only
     * when {@link #idle()} is positive, then {@link #hold} the choice.
     *
     * @param turnsEnd how many leading tokens of {@code prompt} are its turns, before the template's
     *     opening of the reply; {@code prompt.length} when not known
     */
    SequenceChoice take(int[] prompt, int turnsEnd, float[] promptScales) {
        SequenceChoice.Candidate[] candidates = new SequenceChoice.Candidate[taken.length];
        for (int s = 0; s < taken.length; s++) {
            int shared = prefix(s, prompt, promptScales);
            candidates[s] = new SequenceChoice.Candidate(taken[s], counts[s], shared, turnsEnds[s], lastUsed[s]);
        }
        SequenceChoice choice = SequenceChoice.of(candidates, prompt.length);
        int sequence = choice.sequence();
        if (choice.hit()) {
            hits.incrementAndGet();
        } else {
            misses.incrementAndGet();
            if (choice.evicts()) {
                evictions.incrementAndGet();
                host.save(sequence, tokens[sequence], counts[sequence], turnsEnds[sequence], scales[sequence]);
            }
            // looked up after the save, which may replace or drop stored conversations
            choice = choice.orRestoring(host.find(prompt, promptScales), host::canRestoreInto);
        }
        taken[sequence] = true;
        turnsEnds[sequence] = turnsEnd;
        return choice;
    }

    /**
     * Makes the sequence {@code choice} took hold the first {@code choice.kept()} tokens of the
     * prompt, decoded with {@code with}, in the KV cache and here: the stored conversation
     * restored, the opening copied from the other sequence, or what the sequence holds past them
     * forgotten (llama.cpp's seq_rm from the first token the prompt does not share).
     *
     * @return the tokens the sequence holds: {@code choice.kept()}, or 0 when llama.cpp refused the
     *     state, or the memory cannot drop only a suffix (recurrent models; then it holds nothing)
     */
    int hold(SequenceChoice choice, float[] with) {
        int sequence = choice.sequence();
        int kept = choice.kept();
        if (choice.restore() != null) {
            kept = restore(choice);
        } else if (choice.copies()) {
            if (decoder.copyPrefix(choice.copyFrom(), sequence, kept)) {
                copy(choice.copyFrom(), sequence, kept);
            } else {
                kept = 0;
            }
        } else if (kept < counts[sequence] && !decoder.forget(sequence, kept)) {
            decoder.forget(sequence, 0);
            kept = 0;
        }
        keep(sequence, kept, with);
        reused(choice, kept);
        return kept;
    }

    /**
     * Restores the stored conversation {@code choice} names into its sequence and records what the
     * sequence holds then; the tokens it holds of the entry (0 if llama.cpp refused the state).
     */
    private int restore(SequenceChoice choice) {
        HostKvStore.Match match = choice.restore();
        int kept = match == null ? 0 : host.restore(choice.sequence(), match);
        counts[choice.sequence()] = 0;
        if (kept > 0) {
            append(choice.sequence(), match.entry().tokens(), 0, kept);
        }
        return kept;
    }

    /** Records that {@code target} now holds the first {@code count} tokens {@code source} holds (a copy in the KV cache). */
    private void copy(int source, int target, int count) {
        counts[target] = 0;
        append(target, tokens[source], 0, count);
        scales[target] = scales[source];
    }

    /** Counts the tokens a request was given from the cache, once they are in its sequence. */
    private void reused(SequenceChoice choice, int kept) {
        tokensReused.addAndGet(kept);
        // a restored conversation counts as a host hit (HostKvStore), not as a shared opening
        if (!choice.hit() && choice.restore() == null && kept >= MIN_SHARED) {
            prefixHits.incrementAndGet();
        }
    }

    /** Records that {@code sequence} now holds only its first {@code kept} tokens, decoded with {@code with}. */
    void keep(int sequence, int kept, float[] with) {
        counts[sequence] = kept;
        scales[sequence] = with;
    }

    /** {@link #append(int, int[], int, int)} of one token: a generated one, without an array a token. */
    void append(int sequence, int token) {
        int held = counts[sequence];
        if (held == tokens[sequence].length) {
            tokens[sequence] = Arrays.copyOf(tokens[sequence], Math.max(1, 2 * held));
        }
        tokens[sequence][held] = token;
        counts[sequence] = held + 1;
    }

    /** Records {@code count} tokens decoded after those {@code sequence} holds. */
    void append(int sequence, int[] from, int offset, int count) {
        int held = counts[sequence];
        if (held + count > tokens[sequence].length) {
            tokens[sequence] = Arrays.copyOf(tokens[sequence], Math.max(held + count, 2 * tokens[sequence].length));
        }
        System.arraycopy(from, offset, tokens[sequence], held, count);
        counts[sequence] = held + count;
    }

    /** Drops the conversations stored in host memory (the context is closing). */
    void dropStored() {
        host.clear();
    }

    /** Gives {@code sequence} back; what it holds stays for a conversation that continues. */
    void release(int sequence) {
        taken[sequence] = false;
        lastUsed[sequence] = ++uses;
    }

    CacheCounters counters() {
        return new CacheCounters(hits.get(), misses.get(), evictions.get(), prefixHits.get(), tokensReused.get(),
                host.hits(), host.bytesHeld(), host.evictions());
    }

    /** Leading tokens of {@code prompt} the sequence holds: at most all but the last, which is decoded for its logits. */
    private int prefix(int sequence, int[] prompt, float[] promptScales) {
        if (!Arrays.equals(scales[sequence], promptScales)) {
            return 0;
        }
        int limit = Math.min(counts[sequence], prompt.length - 1);
        int[] held = tokens[sequence];
        int same = 0;
        while (same < limit && held[same] == prompt[same]) {
            same++;
        }
        return same;
    }
}
