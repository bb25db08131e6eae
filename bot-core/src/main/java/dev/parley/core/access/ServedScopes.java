package dev.parley.core.access;

import dev.parley.core.settings.ScopeKey;
import java.util.Objects;
import java.util.Set;

/**
 * The operator's lists of where the bot works: scopes (servers, groups) it never serves, and, when
 * {@code allowed} is not empty, the only group scopes it serves. Direct messages are served unless
 * their scope is blocked.
 *
 * @param leaveUnlisted whether the bot leaves a group it is not to serve when added to it (Telegram)
 */
public record ServedScopes(Set<ScopeKey> blocked, Set<ScopeKey> allowed, boolean leaveUnlisted) {

    /** Every scope is served. */
    public static final ServedScopes ALL = new ServedScopes(Set.of(), Set.of(), false);

    public ServedScopes {
        blocked = Set.copyOf(Objects.requireNonNull(blocked, "blocked"));
        allowed = Set.copyOf(Objects.requireNonNull(allowed, "allowed"));
    }

    /** Whether the bot serves {@code scope}; {@code directMessage} when it is a private conversation. */
    public boolean serves(ScopeKey scope, boolean directMessage) {
        if (blocked.contains(scope)) {
            return false;
        }
        return directMessage || allowed.isEmpty() || allowed.contains(scope);
    }

    /** Whether the bot, just added to group {@code scope}, should leave it at once. */
    public boolean leaves(ScopeKey scope) {
        return leaveUnlisted && !serves(scope, false);
    }
}
