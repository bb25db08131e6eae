package dev.parley.app.platform;

import dev.parley.core.reply.ReplyCaches;
import java.net.URI;
import java.time.Duration;
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
        @DefaultValue Caches caches) {

    /**
     * Sharding: {@code total} shards for the whole bot, of which this process runs {@code first}
     * to {@code last} (all of them when {@code last} is unset).
     */
    public record Shards(@DefaultValue("1") int total, @DefaultValue("0") int first, @Nullable Integer last) {

        public int lastOrAll() {
            return last == null ? total - 1 : last;
        }
    }

    /**
     * {@code parley.discord.caches.*}: see {@link ReplyCaches}; a message remembered for its reply
     * chain costs about 200 bytes of heap, a question remembered for edits about 1 KB plus its reply's
     * text (measured: README, soak run).
     *
     * @param replyChains messages whose reply chain is remembered
     * @param replyChainsIdle how long an untouched chain is remembered
     * @param editedReplies recent questions whose reply an edit rewrites
     * @param editedRepliesFor how long a question's reply stays editable
     */
    public record Caches(
            @DefaultValue("50000") long replyChains,
            @DefaultValue("1d") Duration replyChainsIdle,
            @DefaultValue("10000") long editedReplies,
            @DefaultValue("10m") Duration editedRepliesFor) {

        /** The adapter's bounds. */
        ReplyCaches toCaches() {
            try {
                return new ReplyCaches(replyChains, replyChainsIdle, editedReplies, editedRepliesFor);
            } catch (IllegalArgumentException e) {
                throw new StartupException("invalid parley.discord.caches: " + e.getMessage());
            }
        }
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
