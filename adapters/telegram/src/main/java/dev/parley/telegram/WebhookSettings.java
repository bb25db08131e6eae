package dev.parley.telegram;

import java.net.URI;
import java.util.Objects;

/**
 * Webhook mode: Telegram posts each update to {@code url}, which must reach the adapter's own
 * HTTP server listening on {@code port} at {@code path} (directly or through a reverse proxy that
 * terminates HTTPS). Every request must carry {@code secretToken} in the
 * {@code X-Telegram-Bot-Api-Secret-Token} header; others are refused.
 *
 * @param url the public URL given to {@code setWebhook}; Telegram requires HTTPS on port 443, 80,
 *     88 or 8443
 * @param path the path the adapter listens on, such as {@code /telegram}
 * @param port the local port the adapter listens on (all interfaces)
 * @param secretToken 1 to 256 characters of {@code A-Z a-z 0-9 _ -}; never logged
 */
public record WebhookSettings(URI url, String path, int port, String secretToken) {

    public WebhookSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(secretToken, "secretToken");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("the webhook URL must be http(s)://host[:port]/path, was " + url);
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("the webhook path must start with /, was " + path);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("the webhook port must be 0 to 65535, was " + port);
        }
        if (!secretToken.matches("[A-Za-z0-9_-]{1,256}")) {
            throw new IllegalArgumentException(
                    "the webhook secret token must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -");
        }
    }

    @Override
    public String toString() {
        return "WebhookSettings[url=" + url + ", path=" + path + ", port=" + port + ", secretToken=****]";
    }
}
