package dev.parley.discord;

import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the Discord adapter connects and whom it treats as an admin.
 *
 * @param token the bot token; never logged ({@link #toString()} masks it)
 * @param restUrl Discord's REST base ({@code .../api/v10/}) for a proxy or a test server, or null for Discord's own
 * @param gatewayUrl the gateway websocket for a proxy or a test server, or null to ask REST as Discord intends
 * @param adminRoleId a role whose members may use admin commands besides those with Manage Server, or null
 * @param shardsTotal how many shards the whole bot runs
 * @param firstShard the first shard this process runs
 * @param lastShard the last shard this process runs
 */
public record DiscordSettings(
        String token,
        @Nullable URI restUrl,
        @Nullable URI gatewayUrl,
        @Nullable String adminRoleId,
        int shardsTotal,
        int firstShard,
        int lastShard) {

    public DiscordSettings {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("the Discord token is blank");
        }
        if (shardsTotal < 1) {
            throw new IllegalArgumentException("shards total must be at least 1, was " + shardsTotal);
        }
        if (firstShard < 0 || lastShard < firstShard || lastShard >= shardsTotal) {
            throw new IllegalArgumentException("shard range " + firstShard + ".." + lastShard
                    + " does not fit in " + shardsTotal + " shard(s)");
        }
    }

    /** One shard, Discord's own servers. */
    public static DiscordSettings of(String token) {
        return new DiscordSettings(token, null, null, null, 1, 0, 0);
    }

    @Override
    public String toString() {
        return "DiscordSettings[token=****, restUrl=" + restUrl + ", gatewayUrl=" + gatewayUrl + ", adminRoleId="
                + adminRoleId + ", shards=" + firstShard + ".." + lastShard + "/" + shardsTotal + "]";
    }
}
