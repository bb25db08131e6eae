package dev.parley.core.access;

import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeLists;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Strikes and policies kept in memory, lost when the process ends: for tests and the console. */
public final class InMemoryStrikeStore implements StrikeStore {

    private final ScopeLists<Strike> strikes = new ScopeLists<>();
    private final Map<ScopeKey, StrikePolicy> policies = new ConcurrentHashMap<>();

    @Override
    public void add(ScopeKey scope, Strike strike) {
        strikes.add(scope, strike);
    }

    @Override
    public List<Strike> since(ScopeKey scope, String userId, Instant from) {
        return strikes.get(scope).stream()
                .filter(s -> s.userId().equals(userId) && !s.at().isBefore(from))
                .sorted(Comparator.comparing(Strike::at))
                .toList();
    }

    @Override
    public Optional<Strike> forMessage(ScopeKey scope, String userId, String messageId) {
        return strikes.get(scope).stream()
                .filter(s -> s.userId().equals(userId) && messageId.equals(s.messageId())).findFirst();
    }

    @Override
    public int withdraw(ScopeKey scope, String userId, String messageId) {
        return strikes.removeIf(scope, s -> s.userId().equals(userId) && messageId.equals(s.messageId()));
    }

    @Override
    public int clear(ScopeKey scope, String userId) {
        return strikes.removeIf(scope, s -> s.userId().equals(userId));
    }

    @Override
    public Optional<StrikePolicy> policy(ScopeKey scope) {
        return Optional.ofNullable(policies.get(scope));
    }

    @Override
    public void savePolicy(ScopeKey scope, StrikePolicy policy) {
        policies.put(scope, policy);
    }
}
