package dev.parley.core.dataset;

import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an export is asked for: the scopes, the period (from {@code since}, inclusive, to
 * {@code until}, exclusive) and which answers become supervised examples.
 */
public record DatasetRequest(List<ScopeKey> scopes, Instant since, Instant until, Selection selection) {

    public DatasetRequest {
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(selection, "selection");
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("an export needs at least one scope");
        }
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException("since (" + since + ") must be before until (" + until + ")");
        }
    }
}
