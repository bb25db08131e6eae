package dev.parley.core.persona;

import dev.parley.core.settings.ScopeKey;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Scopes' personas kept in memory only: for tests, and lost on restart. */
public final class InMemoryScopePersonas implements ScopePersonas {

    private record Key(ScopeKey scope, String name) {}

    private final Map<Key, Persona> personas = new ConcurrentHashMap<>();

    @Override
    public List<Persona> all(ScopeKey scope) {
        return personas.entrySet().stream().filter(e -> e.getKey().scope().equals(scope)).map(Map.Entry::getValue)
                .sorted(Comparator.comparing(Persona::name)).toList();
    }

    @Override
    public Optional<Persona> find(ScopeKey scope, String name) {
        return Optional.ofNullable(personas.get(new Key(scope, name)));
    }

    @Override
    public void save(ScopeKey scope, Persona persona) {
        personas.put(new Key(scope, persona.name()), persona);
    }

    @Override
    public boolean delete(ScopeKey scope, String name) {
        return personas.remove(new Key(scope, name)) != null;
    }
}
