package dev.parley.app.platform;

import dev.parley.telegram.TelegramSettings;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.telegram.*}: the Telegram bot.
 *
 * @param token the bot token from BotFather ({@code TELEGRAM_TOKEN} in the environment); the
 *     adapter runs when it is set; never logged
 * @param apiUrl the Bot API server (scheme, host and port): Telegram's, or a local Bot API server
 * @param username the bot's username, checked against the one Telegram reports for the token;
 *     unset: taken from Telegram
 */
@ConfigurationProperties("parley.telegram")
public record TelegramProperties(
        @Nullable String token,
        @DefaultValue("https://api.telegram.org") URI apiUrl,
        @Nullable String username) {

    public boolean enabled() {
        return token != null && !token.isBlank();
    }

    /** The adapter's settings; only when {@link #enabled()}. */
    TelegramSettings toSettings() {
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("no Telegram token is set");
        }
        try {
            return new TelegramSettings(token.strip(), apiUrl, username, TelegramSettings.DEFAULT_POLL_TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw new StartupException("invalid parley.telegram: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "TelegramProperties[token=" + (enabled() ? "****" : "unset") + ", apiUrl=" + apiUrl + ", username="
                + username + "]";
    }
}
