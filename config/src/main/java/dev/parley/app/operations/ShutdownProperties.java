package dev.parley.app.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.shutdown.*}: how the bot stops.
 *
 * @param grace how long answers being generated at shutdown may take to finish before they are stopped
 */
@ConfigurationProperties("parley.shutdown")
public record ShutdownProperties(@DefaultValue("20s") Duration grace) {

    public ShutdownProperties {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("must not be negative, was " + grace);
        }
    }
}
