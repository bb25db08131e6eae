package dev.parley.model.batch;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which tokens each sequence of the context holds (from position 0, with the adapter scales they
 * were decoded with), which sequences are taken, and the counters of the conversation cache.
 * Only the decode thread changes it; {@link #counters()} may be read from any thread.
 */
final class SequenceCache {

    /** A sequence given to a request, holding the first {@code kept} tokens of its prompt. */
    record Choice(int sequence, int kept) {}

    private final int[][] tokens;
    private final int[] counts;
    private final float[][] scales;
    private final int[] promptEnds; // the length of the prompt last read into each sequence
    private final long[] lastUsed;
    private final boolean[] taken;
    private long uses;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();

    SequenceCache(int sequences) {
        tokens = new int[sequences][];
        Arrays.setAll(tokens, i -> new int[64]);
        counts = new int[sequences];
        scales = new float[sequences][];
        Arrays.setAll(scales, i -> new float[0]);
        promptEnds = new int[sequences];
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
     * Takes the idle sequence that holds most of {@code prompt} when {@code prompt} continues the
     * whole prompt that sequence last read (the same conversation's next turn, or the same
     * question again); otherwise an empty one, or else the least recently used, whose
     * conversation is evicted. Call only when {@link #idle()} is positive.
     */
    Choice take(int[] prompt, float[] promptScales) {
        int best = -1;
        int bestKept = -1;
        for (int s = 0; s < taken.length; s++) {
            int kept = taken[s] ? -1 : prefix(s, prompt, promptScales);
            if (kept > bestKept) {
                best = s;
                bestKept = kept;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no idle sequence");
        }
        // a shared opening (start token, persona prompt) is no reason to overwrite another conversation
        boolean continues = bestKept > 0 && bestKept >= Math.min(promptEnds[best], prompt.length - 1);
        int chosen = best;
        if (continues) {
            hits.incrementAndGet();
        } else {
            misses.incrementAndGet();
            chosen = leastRecentlyUsedIdle();
            if (counts[chosen] > 0) {
                evictions.incrementAndGet();
            }
        }
        taken[chosen] = true;
        promptEnds[chosen] = prompt.length;
        return new Choice(chosen, prefix(chosen, prompt, promptScales));
    }

    /** Records that {@code sequence} now holds only its first {@code kept} tokens, decoded with {@code with}. */
    void keep(int sequence, int kept, float[] with) {
        counts[sequence] = kept;
        scales[sequence] = with;
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

    /** Gives {@code sequence} back; what it holds stays for a conversation that continues. */
    void release(int sequence) {
        taken[sequence] = false;
        lastUsed[sequence] = ++uses;
    }

    /** How many tokens {@code sequence} holds. */
    int held(int sequence) {
        return counts[sequence];
    }

    CacheCounters counters() {
        return new CacheCounters(hits.get(), misses.get(), evictions.get());
    }

    // an empty sequence counts as used longest ago
    private int leastRecentlyUsedIdle() {
        int chosen = -1;
        for (int s = 0; s < taken.length; s++) {
            if (taken[s]) {
                continue;
            }
            if (chosen < 0 || rank(s) < rank(chosen)) {
                chosen = s;
            }
        }
        return chosen;
    }

    private long rank(int sequence) {
        return counts[sequence] == 0 ? -1 : lastUsed[sequence];
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
