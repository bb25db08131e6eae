package dev.parley.app.chat;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.moderation.guard.*}: a Llama Guard 3 model run on llama.cpp beside the chat model,
 * as the last moderation tier. Off unless {@code model-path} is set.
 *
 * @param modelPath the guard's GGUF file (Llama Guard 3 1B or 8B), or unset for no guard
 * @param when {@code always}: every text the earlier tiers did not block; {@code unsure}: only
 *     texts where some category scored at least {@code unsureFrom} but below its threshold
 * @param unsureFrom in (0, 1]: the score from which the earlier tiers count as unsure
 * @param timeout the most one judgement may take, waiting for the guard's slot included
 * @param threads CPU threads for the guard; 0 means one per available core
 * @param contextSize tokens of context for one judgement (about 250 are the prompt's own)
 */
@ConfigurationProperties("parley.moderation.guard")
public record GuardProperties(
        @Nullable Path modelPath,
        @DefaultValue("unsure") When when,
        @DefaultValue("0.2") double unsureFrom,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("0") int threads,
        @DefaultValue("2048") int contextSize) {

    /** When the guard is asked. */
    public enum When {
        ALWAYS,
        UNSURE
    }

    public GuardProperties {
        if (!(unsureFrom > 0 && unsureFrom <= 1)) {
            throw new IllegalArgumentException("parley.moderation.guard.unsure-from must be in (0, 1], was " + unsureFrom);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("parley.moderation.guard.timeout must be positive, was " + timeout);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("parley.moderation.guard.threads must be at least 0, was " + threads);
        }
        if (contextSize < 512) {
            // the prompt alone takes about 250 tokens
            throw new IllegalArgumentException("parley.moderation.guard.context-size must be at least 512, was "
                    + contextSize);
        }
    }

    /** Whether a guard is configured. */
    public boolean enabled() {
        return modelPath != null && !modelPath.toString().isBlank();
    }

    /** Threads to use: the configured count, or one per core. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
