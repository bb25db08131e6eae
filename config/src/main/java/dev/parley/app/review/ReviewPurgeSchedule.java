package dev.parley.app.review;

import dev.parley.core.review.ReviewRetention;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the review queue's retention every {@code every}, the first time a minute after start (or
 * sooner, when {@code every} is shorter), on
 * a daemon thread of its own; closed with the application. A failed purge is logged and tried
 * again next time.
 */
final class ReviewPurgeSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewPurgeSchedule.class);
    private static final Duration FIRST = Duration.ofMinutes(1);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("review-purge").daemon().factory());

    ReviewPurgeSchedule(ReviewRetention retention, Duration every) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                retention.purge();
            } catch (RuntimeException e) {
                LOG.warn("review items could not be purged: {}", e.toString());
            }
        }, Math.min(every.toMillis(), FIRST.toMillis()), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
