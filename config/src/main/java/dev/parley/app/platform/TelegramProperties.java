package dev.parley.app.platform;

import dev.parley.app.startup.StartupException;
import dev.parley.core.reply.ReplyCaches;
import dev.parley.telegram.TelegramSettings;
import dev.parley.telegram.WebhookSettings;
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
 * @param webhook webhook mode, used when its URL is set; otherwise the bot long-polls
 * @param caches how many recent messages the adapter remembers (its heap grows with these)
 */
@ConfigurationProperties("parley.telegram")
public record TelegramProperties(
        @Nullable String token,
        @DefaultValue("https://api.telegram.org") URI apiUrl,
        @Nullable String username,
        @DefaultValue Webhook webhook,
        @DefaultValue CacheProperties caches) {

    /**
     * {@code parley.telegram.webhook.*}: Telegram posts updates to {@code url} instead of being polled.
     *
     * @param url the public HTTPS URL Telegram posts to (it must reach {@code port} and {@code path},
     *     directly or through a reverse proxy); unset: long polling
     * @param path the path the bot listens on
     * @param port the local port the bot listens on
     * @param secretToken required with a URL: Telegram sends it with every post, and posts without
     *     it are refused; 1 to 256 of {@code A-Z a-z 0-9 _ -}; never logged
     */
    public record Webhook(
            @Nullable URI url,
            @DefaultValue("/telegram") String path,
            @DefaultValue("8443") int port,
            @Nullable String secretToken) {

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", path=" + path + ", port=" + port + ", secretToken="
                    + (secretToken == null ? "unset" : "****") + "]";
        }
    }

    /** The adapter's cache bounds, from {@code parley.telegram.caches.*}. */
    public ReplyCaches replyCaches() {
        return caches.toCaches("parley.telegram.caches");
    }

    public boolean enabled() {
        return token != null && !token.isBlank();
    }

    /** The adapter's settings; only when {@link #enabled()}. */
    TelegramSettings toSettings() {
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("no Telegram token is set");
        }
        try {
            TelegramSettings settings = new TelegramSettings(token.strip(), apiUrl, username,
                    TelegramSettings.DEFAULT_POLL_TIMEOUT);
            if (webhook.url() == null) {
                return settings;
            }
            if (webhook.secretToken() == null || webhook.secretToken().isBlank()) {
                throw new IllegalArgumentException("webhook.secret-token is required with webhook.url");
            }
            return settings.withWebhook(new WebhookSettings(webhook.url(), webhook.path(), webhook.port(),
                    webhook.secretToken().strip()));
        } catch (IllegalArgumentException e) {
            throw new StartupException("invalid parley.telegram: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "TelegramProperties[token=" + (enabled() ? "****" : "unset") + ", apiUrl=" + apiUrl + ", username="
                + username + ", webhook=" + webhook + ", caches=" + caches + "]";
    }
}
