package dev.parley.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the adapter reaches Telegram.
 *
 * @param token the bot token from BotFather; never logged
 * @param apiUrl the Bot API's base, {@code https://api.telegram.org} (scheme, host and port are
 *     used; TelegramBots puts {@code /bot<token>/<method>} right under the host)
 * @param username the bot's username without {@code @}, or null to take it from {@code getMe};
 *     when set, it must be the one {@code getMe} reports
 * @param pollTimeout how long one {@code getUpdates} long poll may wait for updates
 * @param webhook webhook mode's settings, or null to long-poll (the default)
 */
public record TelegramSettings(String token, URI apiUrl, @Nullable String username, Duration pollTimeout,
        @Nullable WebhookSettings webhook) {

    /** Telegram's own Bot API. */
    public static final URI TELEGRAM_API = URI.create("https://api.telegram.org");

    /** The long poll TelegramBots uses by default. */
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(50);

    public TelegramSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        if (token.isBlank()) {
            throw new IllegalArgumentException("the Telegram token must not be blank");
        }
        if (!"http".equals(apiUrl.getScheme()) && !"https".equals(apiUrl.getScheme()) || apiUrl.getHost() == null) {
            throw new IllegalArgumentException("the Telegram API URL must be http(s)://host[:port], was " + apiUrl);
        }
        if (pollTimeout.isNegative() || pollTimeout.compareTo(Duration.ofSeconds(50)) > 0) {
            throw new IllegalArgumentException("pollTimeout must be between 0 and 50 s, was " + pollTimeout);
        }
        if (username != null) {
            username = username.startsWith("@") ? username.substring(1) : username;
            if (username.isBlank()) {
                username = null;
            }
        }
    }

    /** Settings that long-poll. */
    public TelegramSettings(String token, URI apiUrl, @Nullable String username, Duration pollTimeout) {
        this(token, apiUrl, username, pollTimeout, null);
    }

    /** The same settings in webhook mode. */
    public TelegramSettings withWebhook(WebhookSettings webhook) {
        return new TelegramSettings(token, apiUrl, username, pollTimeout, webhook);
    }

    /** Settings for Telegram's own API, the username taken from {@code getMe}. */
    public static TelegramSettings of(String token) {
        return new TelegramSettings(token, TELEGRAM_API, null, DEFAULT_POLL_TIMEOUT);
    }

    /** The port of {@link #apiUrl}, or the scheme's default. */
    int port() {
        return apiUrl.getPort() >= 0 ? apiUrl.getPort() : "https".equals(apiUrl.getScheme()) ? 443 : 80;
    }

    @Override
    public String toString() {
        return "TelegramSettings[token=****, apiUrl=" + apiUrl + ", username=" + username + ", pollTimeout="
                + pollTimeout + ", webhook=" + webhook + "]";
    }
}
