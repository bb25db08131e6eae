package dev.parley.app.chat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.moderation.learned.*}: the learned moderation tier (a sentence encoder run on ONNX
 * Runtime in this process, with calibrated heads per category), asked after the local tier on every
 * text.
 *
 * @param enabled whether the tier runs; off leaves the lexical tier (and any endpoint or guard) alone
 * @param threads ONNX Runtime threads per text; 1 keeps one message on one core
 */
@ConfigurationProperties("parley.moderation.learned")
public record LearnedProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1") int threads) {

    public LearnedProperties {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("parley.moderation.learned.threads must be in [1, 64], was " + threads);
        }
    }
}
