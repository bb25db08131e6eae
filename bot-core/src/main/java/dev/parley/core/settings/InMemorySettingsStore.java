package dev.parley.core.settings;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Settings kept in memory only: for tests, and lost on restart. */
public final class InMemorySettingsStore implements SettingsStore {

    private final Map<ScopeKey, ScopeSettings> settings = new ConcurrentHashMap<>();

    @Override
    public ScopeSettings load(ScopeKey scope) {
        return settings.getOrDefault(scope, ScopeSettings.DEFAULTS);
    }

    @Override
    public void save(ScopeKey scope, ScopeSettings value) {
        settings.put(scope, value);
    }
}
