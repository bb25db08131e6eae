package dev.parley.core.access;

import dev.parley.core.settings.ScopeKey;
import java.util.Optional;

/** Where mutes are kept: at most one per user and scope, the latest. */
public interface MuteStore {

    /** The latest mute of {@code userId} in {@code scope}, whether it still holds or not. */
    Optional<Mute> find(ScopeKey scope, String userId);

    /** Keeps {@code mute}, replacing the user's earlier one in its scope. */
    void save(Mute mute);

    /** Deletes the user's mute in {@code scope}; whether there was one. */
    boolean delete(ScopeKey scope, String userId);
}
