package dev.parley.app.platform;

import dev.parley.core.pipeline.ChatPipeline;
import java.time.InstantSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Chooses the adapters that run. */
@Configuration(proxyBeanMethods = false)
public class PlatformConfiguration {

    /** Off in tests that drive the pipeline themselves ({@code parley.console.enabled=false}). */
    @Bean
    @ConditionalOnProperty(name = "parley.console.enabled", havingValue = "true", matchIfMissing = true)
    ConsoleRunner consoleRunner(ChatPipeline pipeline, DiscordProperties discord, TelegramProperties telegram,
            InstantSource clock, Environment environment) {
        return new ConsoleRunner(pipeline, discord, telegram, clock, environment.getProperty(ConsoleLogFile.PROPERTY));
    }

    @Bean
    Serving serving(DiscordProperties discord, TelegramProperties telegram) {
        return new Serving(discord.enabled() || telegram.enabled());
    }
}
