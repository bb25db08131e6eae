package dev.parley.model.llamacpp;

/**
 * How the next token is chosen: greedy at temperature 0, otherwise top-p, then temperature, then
 * a draw seeded with {@code seed} (the same seed and prompt give the same tokens).
 *
 * @param temperature 0 for greedy, up to 10
 * @param topP the nucleus kept before drawing, in (0, 1]
 * @param seed the seed of the draw, 0 to 4,294,967,294 (llama.cpp reads 4,294,967,295 as "random")
 */
public record SamplerParameters(float temperature, float topP, long seed) {

    /** The largest seed: one below llama.cpp's "pick a random seed" value. */
    public static final long MAX_SEED = 0xFFFF_FFFEL;

    public SamplerParameters {
        if (!(temperature >= 0 && temperature <= 10)) {
            throw new IllegalArgumentException("temperature must be within 0..10, was " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be within (0, 1], was " + topP);
        }
        if (seed < 0 || seed > MAX_SEED) {
            throw new IllegalArgumentException("seed must be within 0.." + MAX_SEED + ", was " + seed);
        }
    }

    /** Always the most likely token. */
    public static SamplerParameters greedy() {
        return new SamplerParameters(0, 1, 0);
    }

    /** A seeded draw at {@code temperature} with top-p 0.95. */
    public static SamplerParameters seeded(float temperature, long seed) {
        return new SamplerParameters(temperature, 0.95f, seed);
    }
}
