package dev.parley.app.platform;

import dev.parley.telegram.TelegramAdapter;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** Health of the platforms without an indicator of their own configuration ({@code discord} has one). */
@Configuration(proxyBeanMethods = false)
public class PlatformHealthConfiguration {

    /** {@code telegram}: up while the adapter polls Telegram for updates. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(TelegramConfiguration.TokenSet.class)
    static class TelegramHealth {

        @Bean
        HealthIndicator telegramHealthIndicator(TelegramAdapter adapter) {
            return () -> adapter.pollingUsername().map(name -> Health.up().withDetail("username", name).build())
                    .orElseGet(() -> Health.down().withDetail("reason", "not polling Telegram").build());
        }
    }
}
