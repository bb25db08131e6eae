package dev.parley.core.settings;

/** The port to where scope settings are kept; they must survive restarts in production. */
public interface SettingsStore {

    /** The scope's settings, or {@link ScopeSettings#DEFAULTS} if it has none. */
    ScopeSettings load(ScopeKey scope);

    /** Replaces the scope's settings. */
    void save(ScopeKey scope, ScopeSettings settings);
}
