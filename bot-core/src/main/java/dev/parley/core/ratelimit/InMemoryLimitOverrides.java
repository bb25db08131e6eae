package dev.parley.core.ratelimit;

import dev.parley.core.settings.ScopeKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Rate-limit overrides kept in memory only: for tests, and lost on restart. */
public final class InMemoryLimitOverrides implements LimitOverrideStore {

    private final Map<ScopeKey, LimitOverride> overrides = new ConcurrentHashMap<>();

    @Override
    public LimitOverride forScope(ScopeKey scope) {
        return overrides.getOrDefault(scope, LimitOverride.NONE);
    }

    @Override
    public void save(ScopeKey scope, LimitOverride override) {
        overrides.put(scope, override);
    }
}
