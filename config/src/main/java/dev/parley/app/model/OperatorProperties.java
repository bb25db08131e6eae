package dev.parley.app.model;

import dev.parley.core.command.Operators;
import dev.parley.core.conversation.Platform;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.operators.*}: the people who run this bot and may replace its model
 * ({@code /model load}); the person at the console always may.
 *
 * @param discord Discord user ids, comma-separated
 * @param telegram Telegram user ids, comma-separated
 */
@ConfigurationProperties("parley.operators")
public record OperatorProperties(@DefaultValue Set<String> discord, @DefaultValue Set<String> telegram) {

    /** The operators as the core checks them. */
    public Operators toOperators() {
        return new Operators(Map.of(Platform.DISCORD, discord, Platform.TELEGRAM, telegram));
    }
}
