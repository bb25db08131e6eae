package dev.parley.core.command;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.settings.ScopeKey;
import java.time.InstantSource;

/** Writes an admin's change to the audit log: who, in which scope, when, what. */
record AdminChanges(AuditLog audit, InstantSource clock) {

    /** Audits {@code action} with {@code detail}, made by the author of {@code command} in its scope. */
    void record(InboundMessage command, String action, String detail) {
        audit.record(new AuditEntry(clock.instant(), ScopeKey.of(command.location()), command.author().id(), action,
                detail));
    }
}
