package dev.parley.model.batch;

import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The sequence a request gets, and how many leading tokens of its prompt that sequence is to hold
 * before the request decodes the rest: the conversation cache's decision, which
 * {@link SequenceCache} then carries out.
 *
 * <ul>
 *   <li>A hit: the idle sequence that holds most of the prompt, when the prompt continues the turns
 *       of the prompt that sequence last read (the same conversation's next turn, or the same
 *       question again), also when the two part in the template's opening of the reply or in the
 *       reply, as Qwen3's next turn parts at the empty thinking block. The sequence keeps what they
 *       share and forgets the rest (llama.cpp's server keeps a slot's common prefix the same way).
 *   <li>Otherwise a miss: an empty sequence, or else the least recently used idle one, whose
 *       conversation is evicted. It keeps what it shares with the prompt, or is to get a copy of
 *       the opening another sequence holds (a persona's system prompt) when that is at least
 *       {@link SequenceCache#MIN_SHARED} tokens more.
 *   <li>A miss may instead restore a conversation stored in host memory that serves more of the
 *       prompt ({@link #orRestoring}).
 * </ul>
 *
 * @param sequence the sequence the request gets
 * @param kept how many leading tokens of the prompt it is to hold: those it holds already, or
 *     those copied from {@code copyFrom}, or those of {@code restore}
 * @param copyFrom the sequence to copy them from, or -1
 * @param hit whether the prompt continues the conversation the sequence holds
 * @param evicts whether the sequence holds another conversation, which it loses
 * @param restore the stored conversation to restore into the sequence, or null
 */
record SequenceChoice(int sequence, int kept, int copyFrom, boolean hit, boolean evicts, HostKvStore.@Nullable Match restore) {

    /**
     * What one sequence of the context offers a request, as the choice weighs it.
     *
     * @param taken whether a reply has the sequence now
     * @param held how many tokens it holds
     * @param shared how many leading tokens of the prompt it holds, decoded with the prompt's
     *     adapter scales: at most all but the last, which is decoded for its logits
     * @param turnsEnd how many of the tokens it holds are the turns of the prompt it last read
     * @param lastReleased when it was last given back, in a count that grows with each release
     */
    record Candidate(boolean taken, int held, int shared, int turnsEnd, long lastReleased) {}

    /**
     * Chooses among {@code candidates}, one a sequence by index, for a prompt of
     * {@code promptLength} tokens: a hit, or a miss that keeps or copies what it can (never one
     * that restores: see {@link #orRestoring}).
     *
     * @throws IllegalStateException if every sequence is taken
     */
    static SequenceChoice of(Candidate[] candidates, int promptLength) {
        int best = -1;
        int bestKept = -1;
        for (int s = 0; s < candidates.length; s++) {
            int kept = candidates[s].taken() ? -1 : candidates[s].shared();
            if (kept > bestKept) {
                best = s;
                bestKept = kept;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no idle sequence");
        }
        // a shared opening (start token, persona prompt) is no reason to overwrite another conversation
        if (bestKept > 0 && bestKept >= Math.min(candidates[best].turnsEnd(), promptLength - 1)) {
            return new SequenceChoice(best, bestKept, -1, true, false, null);
        }
        int chosen = leastRecentlyUsedIdle(candidates);
        int own = candidates[chosen].shared();
        // busy sequences too: what they hold up to their last decode is in the KV cache
        int source = -1;
        int shared = own;
        for (int s = 0; s < candidates.length; s++) {
            int kept = s == chosen ? -1 : candidates[s].shared();
            // a copy must save more than it costs over what the chosen sequence holds already
            if (kept >= own + SequenceCache.MIN_SHARED && kept > shared) {
                source = s;
                shared = kept;
            }
        }
        return new SequenceChoice(chosen, shared, source, false, candidates[chosen].held() > 0, null);
    }

    /** Whether {@link #copyFrom} names a sequence to copy from. */
    boolean copies() {
        return copyFrom >= 0;
    }

    /**
     * This choice, or, for a miss, the same sequence with the conversation {@code stored} in host
     * memory restored into it when that serves more of the prompt than this choice keeps, either
     * because the prompt continues it or because they share at least
     * {@link SequenceCache#MIN_SHARED} tokens, and {@code canRestoreInto} the sequence now.
     */
    SequenceChoice orRestoring(HostKvStore.@Nullable Match stored, IntPredicate canRestoreInto) {
        // restoring copies only the conversation's own cells: worth it for any continued one
        if (!hit && stored != null && stored.kept() > kept && (stored.continues() || stored.kept() >= SequenceCache.MIN_SHARED)
                && canRestoreInto.test(sequence)) {
            return new SequenceChoice(sequence, stored.kept(), -1, false, evicts, stored);
        }
        return this;
    }

    // an empty sequence counts as used longest ago
    private static int leastRecentlyUsedIdle(Candidate[] candidates) {
        int chosen = -1;
        for (int s = 0; s < candidates.length; s++) {
            if (candidates[s].taken()) {
                continue;
            }
            if (chosen < 0 || rank(candidates[s]) < rank(candidates[chosen])) {
                chosen = s;
            }
        }
        return chosen;
    }

    private static long rank(Candidate candidate) {
        return candidate.held() == 0 ? -1 : candidate.lastReleased();
    }
}
