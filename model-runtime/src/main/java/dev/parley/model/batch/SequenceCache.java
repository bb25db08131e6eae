package dev.parley.model.batch;

import dev.parley.model.stats.CacheCounters;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Which tokens each sequence of the context holds (from position 0, with the adapter scales they
 * were decoded with), which sequences are taken, and the counters of the conversation cache. A
 * conversation evicted from its sequence is saved to the {@link HostKvStore} first, and a request
 * it serves better than any sequence gets it restored. Only the decode thread changes it;
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

    /**
     * A sequence given to a request, to hold the first {@code kept} tokens of its prompt: those it
     * holds already, or, when {@code copyFrom} is not -1, those copied from that sequence, or,
     * when {@code restore} is not null, those of a conversation stored in host memory.
     */
    record Choice(int sequence, int kept, int copyFrom, boolean hit, HostKvStore.@Nullable Match restore) {

        boolean copies() {
            return copyFrom >= 0;
        }
    }

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
    private final HostKvStore host;

    SequenceCache(int sequences, HostKvStore host) {
        this.host = host;
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
     * Takes the idle sequence that holds most of {@code prompt} when {@code prompt} continues the
     * turns of the prompt that sequence last read (the same conversation's next turn, or the same
     * question again): a hit, also when the two part in the template's opening of the reply or in
     * the reply, as Qwen3's next turn parts at the empty thinking block; the sequence then keeps
     * what they share and forgets the rest (llama.cpp's server keeps a slot's common prefix the
     * same way). Otherwise an empty sequence, or else the least recently used, whose conversation
     * is evicted. A request that continues no conversation but opens as another sequence's does
     * (a persona's system prompt), by at least {@link #MIN_SHARED} tokens more than the sequence it
     * gets holds, is told to copy that opening. Call only when {@link #idle()} is positive.
     *
     * @param turnsEnd how many leading tokens of {@code prompt} are its turns, before the template's
     *     opening of the reply; {@code prompt.length} when not known
     */
    Choice take(int[] prompt, int turnsEnd, float[] promptScales) {
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
        boolean continues = bestKept > 0 && bestKept >= Math.min(turnsEnds[best], prompt.length - 1);
        if (continues) {
            hits.incrementAndGet();
            return choose(best, bestKept, -1, true, null, turnsEnd);
        }
        misses.incrementAndGet();
        int chosen = leastRecentlyUsedIdle();
        if (counts[chosen] > 0) {
            evictions.incrementAndGet();
            host.save(chosen, tokens[chosen], counts[chosen], turnsEnds[chosen], scales[chosen]);
        }
        int own = prefix(chosen, prompt, promptScales);
        // busy sequences too: what they hold up to their last decode is in the KV cache
        int source = -1;
        int shared = own;
        for (int s = 0; s < taken.length; s++) {
            int kept = s == chosen ? -1 : prefix(s, prompt, promptScales);
            // a copy must save more than it costs over what the chosen sequence holds already
            if (kept >= own + MIN_SHARED && kept > shared) {
                source = s;
                shared = kept;
            }
        }
        HostKvStore.Match stored = host.find(prompt, promptScales);
        // restoring copies only the conversation's own cells: worth it for any continued one
        if (stored != null && stored.kept() > shared && (stored.continues() || stored.kept() >= MIN_SHARED)
                && host.canRestoreInto(chosen)) {
            return choose(chosen, stored.kept(), -1, false, stored, turnsEnd);
        }
        return choose(chosen, shared, source, false, null, turnsEnd);
    }

    private Choice choose(int sequence, int kept, int copyFrom, boolean hit, HostKvStore.@Nullable Match restore, int turnsEnd) {
        taken[sequence] = true;
        turnsEnds[sequence] = turnsEnd;
        return new Choice(sequence, kept, copyFrom, hit, restore);
    }

    /**
     * Restores the stored conversation {@code choice} names into its sequence and records what the
     * sequence holds then; the tokens it holds of the entry (0 if llama.cpp refused the state).
     */
    int restore(Choice choice) {
        HostKvStore.Match match = choice.restore();
        int kept = match == null ? 0 : host.restore(choice.sequence(), match);
        counts[choice.sequence()] = 0;
        if (kept > 0) {
            append(choice.sequence(), match.entry().tokens(), 0, kept);
        }
        return kept;
    }

    /** Records that {@code target} now holds the first {@code count} tokens {@code source} holds (a copy in the KV cache). */
    void copy(int source, int target, int count) {
        counts[target] = 0;
        append(target, tokens[source], 0, count);
        scales[target] = scales[source];
    }

    /** Counts the tokens a request was given from the cache, once they are in its sequence. */
    void reused(Choice choice, int kept) {
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

    /** How many tokens {@code sequence} holds. */
    int held(int sequence) {
        return counts[sequence];
    }

    CacheCounters counters() {
        return new CacheCounters(hits.get(), misses.get(), evictions.get(), prefixHits.get(), tokensReused.get(),
                host.hits(), host.bytesHeld(), host.evictions());
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
