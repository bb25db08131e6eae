package dev.parley.core.settings;

import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import java.util.Objects;

/** One scope that owns settings: a Discord server, a Telegram chat, the local console. */
public record ScopeKey(Platform platform, String scopeId) {

    public ScopeKey {
        Objects.requireNonNull(platform, "platform");
        if (scopeId == null || scopeId.isBlank()) {
            throw new IllegalArgumentException("scopeId must not be blank");
        }
    }

    public static ScopeKey of(Location location) {
        return new ScopeKey(location.platform(), location.scopeId());
    }
}
