package dev.parley.model.batch;

import dev.parley.model.llamacpp.TokenBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the next decode takes: the replies with the adapter scales of the one served longest ago,
 * generating ones first, each adding its next token or prompt chunk. The token batch and the list
 * of its replies are reused step after step, so composing a step allocates nothing. Decode thread
 * only.
 */
final class NextBatch {

    private static final Comparator<ActiveSequence> LONGEST_AGO = Comparator.comparingLong(ActiveSequence::lastStep);

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
        // tokens of replies that are generating first, so a long prompt never holds them back
        add(active, scales, step, true);
        add(active, scales, step, false);
        return scales;
    }

    private void add(List<ActiveSequence> active, float[] scales, long step, boolean generating) {
        for (ActiveSequence sequence : active) {
            if (!sequence.done() && sequence.generating() == generating && Arrays.equals(sequence.scales(), scales)
                    && sequence.addTo(tokens, step)) {
                members.add(sequence);
            }
        }
    }
}
