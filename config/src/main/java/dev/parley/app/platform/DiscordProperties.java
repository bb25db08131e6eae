package dev.parley.app.platform;

import dev.parley.core.reply.ReplyCaches;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.discord.*}: the Discord bot token ({@code DISCORD_TOKEN} in the environment), where
 * Discord is (only for proxies and tests), who counts as an admin besides Manage Server, and which
 * shards this process runs.
 *
 * @param restUrl Discord's REST base, e.g. {@code http://127.0.0.1:8080/api/v10/}; null for Discord's own
 * @param gatewayUrl the gateway websocket; null to ask Discord's REST API as usual
 * @param adminRole the id of a role whose members may use admin commands; null for Manage Server only
 * @param caches how many recent messages the adapter remembers (its heap grows with these)
 */
@ConfigurationProperties("parley.discord")
public record DiscordProperties(
        @Nullable String token,
        @Nullable URI restUrl,
        @Nullable URI gatewayUrl,
        @Nullable String adminRole,
        @DefaultValue Shards shards,
        @DefaultValue CacheProperties caches) {

    /**
     * Sharding: {@code total} shards for the whole bot, of which this process runs {@code first}
     * to {@code last} (all of them when {@code last} is unset).
     */
    public record Shards(@DefaultValue("1") int total, @DefaultValue("0") int first, @Nullable Integer last) {

        public int lastOrAll() {
            return last == null ? total - 1 : last;
        }
    }

    /** The adapter's cache bounds, from {@code parley.discord.caches.*}. */
    public ReplyCaches replyCaches() {
        return caches.toCaches("parley.discord.caches");
    }

    public boolean enabled() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "DiscordProperties[token=" + (enabled() ? "****" : "unset") + ", restUrl=" + restUrl + ", gatewayUrl="
                + gatewayUrl + ", adminRole=" + adminRole + ", shards=" + shards + ", caches=" + caches + "]";
    }
}
