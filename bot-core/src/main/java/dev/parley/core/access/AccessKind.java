package dev.parley.core.access;

import java.util.Locale;
import java.util.Optional;

/** What an access-list entry names: one user, everyone with a role (Discord), or one channel. */
public enum AccessKind {
    USER,
    ROLE,
    CHANNEL;

    /** The word admins type for this kind ("user", "role", "channel"). */
    public String typed() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind {@code word} names, or empty. */
    public static Optional<AccessKind> fromTyped(String word) {
        for (AccessKind kind : values()) {
            if (kind.typed().equals(word)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
