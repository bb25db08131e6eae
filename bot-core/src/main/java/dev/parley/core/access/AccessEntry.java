package dev.parley.core.access;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a scope's access list: {@code kind} {@code targetId} is blocked or allowed, why, by
 * whom and since when.
 */
public record AccessEntry(AccessKind kind, String targetId, AccessMode mode, String reason, String by, Instant at) {

    public AccessEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        if (targetId == null || targetId.isBlank()) {
            throw new IllegalArgumentException("targetId must not be blank");
        }
    }

    /** Whether this entry names {@code kind} {@code id}. */
    boolean names(AccessKind kind, String id) {
        return this.kind == kind && targetId.equals(id);
    }
}
