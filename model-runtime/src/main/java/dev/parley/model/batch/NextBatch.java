package dev.parley.model.batch;

import dev.parley.model.llamacpp.TokenBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the next decode takes: the replies with the adapter scales of the one served longest ago,
 * generating ones first, each adding its next token or prompt chunk. Their entries go into the
 * batch in the order of their sequences: with a KV stream per sequence, llama.cpp computes a batch
 * in one pass only over a run of consecutive, increasing sequence ids, and every other order costs
 * another pass over the model's weights (see {@link #sequenceRuns}). The token batch and the list
 * of its replies are reused step after step, so composing a step allocates nothing. Decode thread
 * only.
 */
final class NextBatch {

    private static final Comparator<ActiveSequence> LONGEST_AGO = Comparator.comparingLong(ActiveSequence::lastStep);
    private static final Comparator<ActiveSequence> BY_SEQUENCE = Comparator.comparingInt(ActiveSequence::sequence);

    private final TokenBatch tokens;
    private final List<ActiveSequence> members = new ArrayList<>();

    NextBatch(int capacity) {
        this.tokens = new TokenBatch(capacity);
    }

    TokenBatch tokens() {
        return tokens;
    }

    /** The replies in the batch; it does not change until the next {@link #compose}. */
    List<ActiveSequence> members() {
        return members;
    }

    /**
     * Empties the batch and fills it from {@code active} (sorted, served longest ago first, so
     * that a batch smaller than the replies starves none of them).
     *
     * @return the scales of the batch's replies, or null when no reply is left to serve
     */
    float @Nullable [] compose(List<ActiveSequence> active, long step) {
        tokens.clear();
        members.clear();
        active.sort(LONGEST_AGO);
        float[] scales = null;
        for (ActiveSequence sequence : active) {
            if (!sequence.done()) {
                scales = sequence.scales();
                break;
            }
        }
        if (scales == null) {
            return null;
        }
        // who gets room is decided in the order served: replies that are generating first, so a
        // long prompt never holds them back; where their entries go, by sequence
        int room = claim(active, scales, step, true, tokens.capacity());
        claim(active, scales, step, false, room);
        members.sort(BY_SEQUENCE);
        for (ActiveSequence member : members) {
            member.writeTo(tokens);
        }
        return scales;
    }

    private int claim(List<ActiveSequence> active, float[] scales, long step, boolean generating, int room) {
        for (ActiveSequence sequence : active) {
            if (!sequence.done() && sequence.generating() == generating && Arrays.equals(sequence.scales(), scales)) {
                int claimed = sequence.claim(room, step);
                if (claimed > 0) {
                    members.add(sequence);
                    room -= claimed;
                }
            }
        }
        return room;
    }

    /**
     * Runs of consecutive sequence ids in the composed batch (0, 1, 2 is one run; 0, 2 two): the
     * passes llama.cpp makes over the model for it when every sequence has a KV stream of its own,
     * as its batch splitter cuts it. A floor, not a count: a prompt chunk beside other replies'
     * tokens takes a pass of its own as well. Gaps between the busy sequences cost a pass each.
     */
    int sequenceRuns() {
        int runs = 0;
        int previous = Integer.MIN_VALUE;
        for (ActiveSequence member : members) {
            if (member.sequence() != previous + 1) {
                runs++;
            }
            previous = member.sequence();
        }
        return runs;
    }
}
