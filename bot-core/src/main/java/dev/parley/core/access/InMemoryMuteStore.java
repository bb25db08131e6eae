package dev.parley.core.access;

import dev.parley.core.settings.ScopeKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Mutes kept in memory, lost when the process ends: for tests and the console. */
public final class InMemoryMuteStore implements MuteStore {

    private record Key(ScopeKey scope, String userId) {}

    private final Map<Key, Mute> mutes = new ConcurrentHashMap<>();

    @Override
    public Optional<Mute> find(ScopeKey scope, String userId) {
        return Optional.ofNullable(mutes.get(new Key(scope, userId)));
    }

    @Override
    public void save(Mute mute) {
        mutes.put(new Key(mute.scope(), mute.userId()), mute);
    }

    @Override
    public boolean delete(ScopeKey scope, String userId) {
        return mutes.remove(new Key(scope, userId)) != null;
    }
}
