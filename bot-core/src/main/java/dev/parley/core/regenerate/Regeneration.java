package dev.parley.core.regenerate;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.model.GenerationSettings;
import java.util.Objects;

/**
 * A claimed press of <em>Regenerate</em>: the answer to replace. Holding one, nobody else can
 * regenerate that answer until it is {@linkplain RegenerableAnswers#release released} or replaced.
 */
public record Regeneration(ShownAnswer replaced) {

    public Regeneration {
        Objects.requireNonNull(replaced, "replaced");
    }

    /** The question to answer again. */
    public InboundMessage question() {
        return replaced.question();
    }

    /**
     * How to sample the new answer: as {@code asked}, with a seed of its own. The same prompt with
     * the same seed samples the same answer at any temperature, so the seed is mixed with the id of
     * the answer replaced (each link of a chain of regenerations differs). At temperature 0 the
     * sampler is greedy and the answer repeats whatever the seed.
     */
    public GenerationSettings sampling(GenerationSettings asked) {
        long mixed = asked.seed() ^ spread(replaced.buttonMessage().hashCode());
        // within 32 bits unsigned, the range every backend's sampler takes
        return new GenerationSettings(asked.maxNewTokens(), asked.temperature(), Math.floorMod(mixed, 0xFFFF_FFFFL));
    }

    /** MurmurHash3's finalizer: ids that differ in one character give seeds far apart. */
    private static long spread(long hash) {
        long h = hash + 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }
}
