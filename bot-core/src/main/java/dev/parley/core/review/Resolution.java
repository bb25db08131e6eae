package dev.parley.core.review;

import java.time.Instant;
import java.util.Objects;

/**
 * How a review item was resolved: which action, by which admin, when, and what it changed.
 *
 * @param detail what the action did, e.g. {@code threshold violence 0.82} or {@code until 2026-12-06T11:00:00Z}
 */
public record Resolution(ReviewAction action, String by, Instant at, String detail) {

    public Resolution {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(detail, "detail");
    }
}
