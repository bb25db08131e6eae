package dev.parley.core.persona;

import dev.parley.core.settings.ScopeKey;
import java.util.List;
import java.util.Optional;

/**
 * The port to where the personas a scope's admins made at run time are kept ({@code /persona
 * create}); they survive restarts in production. Names are stored as given: callers pass them
 * lower-cased.
 */
public interface ScopePersonas {

    /** A store that holds nothing and refuses to keep anything: for bots without run-time personas. */
    ScopePersonas NONE = new ScopePersonas() {
        @Override
        public List<Persona> all(ScopeKey scope) {
            return List.of();
        }

        @Override
        public Optional<Persona> find(ScopeKey scope, String name) {
            return Optional.empty();
        }

        @Override
        public void save(ScopeKey scope, Persona persona) {
            throw new UnsupportedOperationException("this bot keeps no personas of its scopes");
        }

        @Override
        public boolean delete(ScopeKey scope, String name) {
            return false;
        }
    };

    /** The scope's own personas, by name. */
    List<Persona> all(ScopeKey scope);

    /** The scope's own persona called {@code name}, if there is one. */
    Optional<Persona> find(ScopeKey scope, String name);

    /** Keeps {@code persona} for the scope, replacing the one of the same name. */
    void save(ScopeKey scope, Persona persona);

    /** Deletes the scope's persona called {@code name}; whether there was one. */
    boolean delete(ScopeKey scope, String name);
}
