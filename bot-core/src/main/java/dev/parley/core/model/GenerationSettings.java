package dev.parley.core.model;

/**
 * How a reply is sampled: its length limit, temperature and seed.
 *
 * @param maxNewTokens the most tokens one reply may have, at least 1
 * @param temperature 0 for greedy (deterministic) decoding
 * @param seed the sampler's seed, so a run can be repeated
 */
public record GenerationSettings(int maxNewTokens, float temperature, long seed) {

    public GenerationSettings {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be at least 1, was " + maxNewTokens);
        }
        if (!(temperature >= 0f) || temperature > 5f) {
            throw new IllegalArgumentException("temperature must be within [0, 5], was " + temperature);
        }
    }
}
