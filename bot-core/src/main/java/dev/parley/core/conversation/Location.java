package dev.parley.core.conversation;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a message was written: a platform, a scope (a Discord server or a Telegram chat), a
 * channel in it and, when there is one, a thread.
 */
public record Location(Platform platform, String scopeId, String channelId, @Nullable String threadId) {

    public Location {
        Objects.requireNonNull(platform, "platform");
        requireText(scopeId, "scopeId");
        requireText(channelId, "channelId");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
