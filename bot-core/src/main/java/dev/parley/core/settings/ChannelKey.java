package dev.parley.core.settings;

import dev.parley.core.conversation.Location;
import java.util.Objects;

/** One channel of a scope, which may have settings of its own (a Telegram chat is its own channel). */
public record ChannelKey(ScopeKey scope, String channelId) {

    public ChannelKey {
        Objects.requireNonNull(scope, "scope");
        if (channelId == null || channelId.isBlank()) {
            throw new IllegalArgumentException("channelId must not be blank");
        }
    }

    public static ChannelKey of(Location location) {
        return new ChannelKey(ScopeKey.of(location), location.channelId());
    }
}
