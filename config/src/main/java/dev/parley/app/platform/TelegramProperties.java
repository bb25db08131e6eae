package dev.parley.app.platform;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code parley.telegram.*}: the Telegram bot token ({@code TELEGRAM_TOKEN} in the environment). */
@ConfigurationProperties("parley.telegram")
public record TelegramProperties(@Nullable String token) {

    public boolean enabled() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "TelegramProperties[token=" + (enabled() ? "****" : "unset") + "]";
    }
}
