package dev.parley.core.access;

import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Strikes and policies kept in memory, lost when the process ends: for tests and the console. */
public final class InMemoryStrikeStore implements StrikeStore {

    private final Map<ScopeKey, List<Strike>> strikes = new ConcurrentHashMap<>();
    private final Map<ScopeKey, StrikePolicy> policies = new ConcurrentHashMap<>();

    @Override
    public void add(ScopeKey scope, Strike strike) {
        strikes.compute(scope, (key, old) -> {
            List<Strike> next = new ArrayList<>(old == null ? List.of() : old);
            next.add(strike);
            return next;
        });
    }

    @Override
    public List<Strike> since(ScopeKey scope, String userId, Instant from) {
        return strikes.getOrDefault(scope, List.of()).stream()
                .filter(s -> s.userId().equals(userId) && !s.at().isBefore(from))
                .sorted(Comparator.comparing(Strike::at))
                .toList();
    }

    @Override
    public Optional<Strike> forMessage(ScopeKey scope, String userId, String messageId) {
        return strikes.getOrDefault(scope, List.of()).stream()
                .filter(s -> s.userId().equals(userId) && messageId.equals(s.messageId())).findFirst();
    }

    @Override
    public int withdraw(ScopeKey scope, String userId, String messageId) {
        int[] withdrawn = {0};
        strikes.computeIfPresent(scope, (key, old) -> {
            List<Strike> next = new ArrayList<>(old);
            int before = next.size();
            next.removeIf(s -> s.userId().equals(userId) && messageId.equals(s.messageId()));
            withdrawn[0] = before - next.size();
            return next;
        });
        return withdrawn[0];
    }

    @Override
    public int clear(ScopeKey scope, String userId) {
        int[] cleared = {0};
        strikes.computeIfPresent(scope, (key, old) -> {
            List<Strike> next = new ArrayList<>(old);
            int before = next.size();
            next.removeIf(s -> s.userId().equals(userId));
            cleared[0] = before - next.size();
            return next;
        });
        return cleared[0];
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
