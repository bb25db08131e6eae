package dev.parley.app.clock;

import java.time.InstantSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link InstantSource} every part of the application reads time from (rate limits, the queue,
 * audit entries, the chat template's {@code strftime_now}), so a test that registers its own clock
 * moves all of them at once.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    /** The system clock, unless a test registered one it can move. */
    @Bean
    @ConditionalOnMissingBean(InstantSource.class)
    InstantSource clock() {
        return InstantSource.system();
    }
}
