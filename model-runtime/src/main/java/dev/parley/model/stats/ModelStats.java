package dev.parley.model.stats;

import java.time.Duration;
import java.util.Optional;

/**
 * A read-only, live view of a model's figures, for health checks and gauges (Micrometer can
 * poll each method). Every method is cheap and thread-safe; nothing here changes the model.
 */
public interface ModelStats {

    /** Whether the model is loaded and accepts requests (false once closed). */
    boolean loaded();

    /** How many replies are being generated now. */
    int busySlots();

    /** How many replies can be generated at once. */
    int parallelSlots();

    /** Tokens generated since the model was loaded, over all replies (a counter). */
    long tokensGenerated();

    /** Replies finished, failed or cancelled since the model was loaded (a counter). */
    long repliesCompleted();

    /**
     * Generation speed of the most recent replies (up to {@link ReplyStatistics#WINDOW}): their
     * tokens after the first, divided by the time from their first to their last token; 0 when
     * no reply has produced two tokens yet. Prompt processing is not included.
     */
    double generationTokensPerSecond();

    /** The time from request to first token of the most recent reply that produced one. */
    Optional<Duration> lastTimeToFirstToken();

    /**
     * How the conversation cache has served requests since the model was loaded (counters);
     * {@link CacheCounters#NONE} for a backend without one.
     */
    default CacheCounters conversationCache() {
        return CacheCounters.NONE;
    }
}
