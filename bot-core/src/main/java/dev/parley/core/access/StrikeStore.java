package dev.parley.core.access;

import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where strikes and each scope's strike policy are kept. */
public interface StrikeStore {

    /** Keeps {@code strike} in {@code scope}. */
    void add(ScopeKey scope, Strike strike);

    /** The strikes of {@code userId} in {@code scope} at or after {@code from}, oldest first. */
    List<Strike> since(ScopeKey scope, String userId, Instant from);

    /** The strike of {@code userId} in {@code scope} for the blocked message {@code messageId}, or empty. */
    Optional<Strike> forMessage(ScopeKey scope, String userId, String messageId);

    /** Deletes the strikes of {@code userId} in {@code scope} for the message {@code messageId}; how many there were. */
    int withdraw(ScopeKey scope, String userId, String messageId);

    /** Deletes every strike of {@code userId} in {@code scope}; how many there were. */
    int clear(ScopeKey scope, String userId);

    /** The policy {@code scope}'s admins set, or empty for the configured default. */
    Optional<StrikePolicy> policy(ScopeKey scope);

    /** Keeps {@code policy} for {@code scope}. */
    void savePolicy(ScopeKey scope, StrikePolicy policy);
}
