package dev.parley.core.moderation;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a scope's moderation blocks are reported besides the audit log, and how much of the
 * blocked text goes with them.
 *
 * @param auditChannel the channel of the scope that gets a report of every block, or null for none
 * @param excerpt whether reports and audit entries carry a redacted excerpt or only a hash
 */
public record BlockReporting(@Nullable String auditChannel, ExcerptMode excerpt) {

    /** No audit channel, hashes only. */
    public static final BlockReporting NONE = new BlockReporting(null, ExcerptMode.NONE);

    public BlockReporting {
        Objects.requireNonNull(excerpt, "excerpt");
    }
}
