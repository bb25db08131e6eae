package dev.parley.testkit.discord;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the gateway reads from the server: the token, the bot user, the guilds in id order, and
 * where to reconnect; and whom to tell that something changed. The state is read through a
 * supplier because the gateway exists before it and reads it only once a client connects.
 */
final class ServerWorld implements Gateway.World {

    private final String token;
    private final Supplier<DiscordState> state;
    private final Supplier<String> gatewayUrl;
    private final Runnable changed;

    ServerWorld(String token, Supplier<DiscordState> state, Supplier<String> gatewayUrl, Runnable changed) {
        this.token = token;
        this.state = state;
        this.gatewayUrl = gatewayUrl;
        this.changed = changed;
    }

    @Override
    public String token() {
        return token;
    }

    @Override
    public Map<String, Object> botUserJson() {
        Map<String, Object> json = state.get().bot.toJson();
        json.put("verified", true);
        json.put("mfa_enabled", false);
        json.put("flags", 0);
        return json;
    }

    @Override
    public long applicationId() {
        return state.get().applicationId;
    }

    @Override
    public List<FakeGuild> guilds() {
        return state.get().guilds.values().stream().sorted(Comparator.comparingLong(FakeGuild::id)).toList();
    }

    @Override
    public String gatewayUrl() {
        return gatewayUrl.get();
    }

    @Override
    public void changed() {
        changed.run();
    }
}
