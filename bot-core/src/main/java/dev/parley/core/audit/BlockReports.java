package dev.parley.core.audit;

/**
 * The port to a scope's audit channel: the pipeline hands it every block in a scope whose policy
 * names one, besides writing the audit log. Platform adapters implement it by posting to that
 * channel; they must not block the caller, and a report that cannot be posted is theirs to log.
 */
@FunctionalInterface
public interface BlockReports {

    /** Reports nowhere: for set-ups without an adapter that posts reports. */
    BlockReports NONE = report -> { };

    /** Tells {@code report.auditChannelId()} of a block. */
    void report(BlockReport report);
}
