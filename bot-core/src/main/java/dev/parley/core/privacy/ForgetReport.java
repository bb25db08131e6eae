package dev.parley.core.privacy;

import java.util.List;

/** What {@code /forget me} did, store by store, and the stores that failed (to be tried again). */
public record ForgetReport(List<Erasure> erasures, List<String> failed) {

    public ForgetReport {
        erasures = List.copyOf(erasures);
        failed = List.copyOf(failed);
    }

    /** Rows deleted or made anonymous in all. */
    public int deleted() {
        return erasures.stream().mapToInt(Erasure::deleted).sum();
    }

    /** What the stores kept on purpose, each once. */
    public List<String> kept() {
        return erasures.stream().flatMap(e -> e.kept().stream()).distinct().toList();
    }

    /** Whether every store did its part. */
    public boolean complete() {
        return failed.isEmpty();
    }
}
