package dev.parley.core.access;

import dev.parley.core.settings.ScopeKey;
import java.util.List;

/** Where each scope's access list is kept. */
public interface AccessListStore {

    /** The entries of {@code scope}, in no particular order. */
    List<AccessEntry> entries(ScopeKey scope);

    /** Adds {@code entry} to {@code scope}'s list, replacing the entry for the same kind and target. */
    void put(ScopeKey scope, AccessEntry entry);

    /** Removes the entry for {@code kind} {@code targetId}; whether there was one. */
    boolean remove(ScopeKey scope, AccessKind kind, String targetId);
}
