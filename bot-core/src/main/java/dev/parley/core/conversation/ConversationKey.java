package dev.parley.core.conversation;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Names one conversation: a location and, where a channel holds several conversations at once,
 * the root of the reply chain the message belongs to.
 */
public record ConversationKey(Location location, @Nullable String chainRoot) {

    public ConversationKey {
        Objects.requireNonNull(location, "location");
    }
}
