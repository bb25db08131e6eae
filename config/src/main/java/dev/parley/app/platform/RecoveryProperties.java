package dev.parley.app.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.recovery.*}: what becomes of the questions accepted before the process was killed.
 *
 * @param maxAge questions accepted longer ago than this are dropped at start rather than answered late
 */
@ConfigurationProperties("parley.recovery")
public record RecoveryProperties(@DefaultValue("1h") Duration maxAge) {

    public RecoveryProperties {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("must not be negative, was " + maxAge);
        }
    }
}
