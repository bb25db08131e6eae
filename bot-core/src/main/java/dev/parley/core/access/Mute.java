package dev.parley.core.access;

import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A user muted from the bot in one scope from {@code since} until {@code until}, because of
 * {@code reason}, decided by {@code by} (an admin's id, or {@link Mutes#BY_STRIKES}).
 */
public record Mute(ScopeKey scope, String userId, Instant since, Instant until, String reason, String by) {

    public Mute {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(by, "by");
        if (!until.isAfter(since)) {
            throw new IllegalArgumentException("a mute must end after it starts");
        }
    }

    /** Whether the mute holds at {@code now}. */
    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }
}
