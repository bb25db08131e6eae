package dev.parley.model.llamacpp;

import java.util.Arrays;

/**
 * The tokens whose keys and values a one-sequence context holds, from position 0, and the adapter
 * scales they were decoded with: what the next {@link Generation} may keep. Guarded by the
 * model's work lock.
 */
final class HeldTokens {

    private int[] tokens = new int[0];
    private int count;
    private float[] scales = new float[0];

    /**
     * How many leading tokens of {@code prompt} the context holds already with these scales: at
     * most all but the last, which is decoded again so that there are logits to sample from.
     */
    int reusablePrefix(int[] prompt, float[] promptScales) {
        if (!Arrays.equals(promptScales, scales)) {
            return 0;
        }
        int limit = Math.min(count, prompt.length - 1);
        int same = 0;
        while (same < limit && tokens[same] == prompt[same]) {
            same++;
        }
        return same;
    }

    /** Records that the context now holds only its first {@code kept} tokens, decoded with {@code with}. */
    void keep(int kept, float[] with) {
        count = kept;
        scales = with;
    }

    /** Records tokens a generation decoded after those held. */
    void append(int[] from, int offset, int added) {
        if (count + added > tokens.length) {
            tokens = Arrays.copyOf(tokens, Math.max(count + added, tokens.length * 2));
        }
        System.arraycopy(from, offset, tokens, count, added);
        count += added;
    }

    /** Forgets what the context holds after a decode that failed or was aborted midway. */
    void unknown() {
        count = 0;
    }
}
