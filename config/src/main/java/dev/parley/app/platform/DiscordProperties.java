package dev.parley.app.platform;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code parley.discord.*}: the Discord bot token ({@code DISCORD_TOKEN} in the environment). */
@ConfigurationProperties("parley.discord")
public record DiscordProperties(@Nullable String token) {

    public boolean enabled() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "DiscordProperties[token=" + (enabled() ? "****" : "unset") + "]";
    }
}
