package dev.parley.core.review;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long resolved review items are kept: those resolved longer ago than the retention are
 * deleted when {@link #purge()} runs (on a schedule the application sets). Pending items are kept
 * however old, since no admin has decided about them yet.
 */
public final class ReviewRetention {

    /** Resolved items are kept 90 days unless configured otherwise. */
    public static final Duration DEFAULT = Duration.ofDays(90);

    private static final Logger LOG = LoggerFactory.getLogger(ReviewRetention.class);

    private final ReviewStore store;
    private final Duration retention;
    private final InstantSource clock;

    /** Keeps resolved items of {@code store} for {@code retention}, a positive time, by {@code clock}. */
    public ReviewRetention(ReviewStore store, Duration retention, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the review retention must be positive, not " + retention);
        }
    }

    /** Deletes the items resolved before now minus the retention; how many there were. */
    public int purge() {
        Instant before = clock.instant().minus(retention);
        int purged = store.purgeResolvedBefore(before);
        if (purged > 0) {
            LOG.info("review items purged={} resolved_before={}", purged, before);
        }
        return purged;
    }
}
