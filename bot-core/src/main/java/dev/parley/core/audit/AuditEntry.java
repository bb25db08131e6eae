package dev.parley.core.audit;

import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log: who did what, where and when. {@code detail} never holds a user's
 * whole message.
 *
 * @param action a short stable name such as {@code moderation.block.input} or {@code terms.add}
 */
public record AuditEntry(Instant at, ScopeKey scope, String actorId, String action, String detail) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(detail, "detail");
    }
}
