package dev.parley.core.moderation.learned;

/**
 * A sentence encoder: turns a text into a fixed-length vector that places texts of like meaning
 * near each other, so that a linear head over it judges what a text says rather than which words
 * it uses. The core only knows this port; a runtime (ONNX, llama.cpp) implements it.
 *
 * <p>Implementations are thread-safe, and answer in bounded time for a text of bounded length:
 * callers split long texts into windows ({@link TextWindows}) before asking.
 */
public interface TextEncoder {

    /** A stable name of the encoder and its weights; heads trained on another encoder refuse it. */
    String name();

    /** The length of every vector {@link #encode} returns. */
    int dimension();

    /**
     * The vector of {@code text}.
     *
     * @throws RuntimeException if the encoder cannot answer; the moderation tier that asked reports
     *     itself unavailable and the policy's failure mode decides
     */
    float[] encode(String text);
}
