package dev.parley.core.audit;

import dev.parley.core.settings.ScopeKey;
import java.util.List;

/** The port to the audit log: moderation blocks and admin changes, kept across restarts. */
public interface AuditLog {

    void record(AuditEntry entry);

    /** The newest entries of a scope, newest first. */
    List<AuditEntry> recent(ScopeKey scope, int limit);
}
