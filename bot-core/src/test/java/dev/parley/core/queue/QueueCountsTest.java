package dev.parley.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueueCountsTest {

    private final QueueCounts counts = new QueueCounts();

    @Test
    void stats_sumTheWaitsAndKeepTheLongest() {
        counts.started(Duration.ofSeconds(3).toNanos());
        counts.started(Duration.ofSeconds(5).toNanos());
        counts.started(0);

        QueueStats stats = counts.stats(0, 0, 0);

        assertThat(stats.started()).isEqualTo(3);
        assertThat(stats.totalWait()).isEqualTo(Duration.ofSeconds(8));
        assertThat(stats.longestWait()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void stats_carryEachRefusalAndEndBesideThePresentFigures() {
        counts.refusedFull();
        counts.refusedPerUser();
        counts.refusedPerUser();
        counts.expired(3);
        counts.abandoned(4);

        assertThat(counts.stats(7, 2, 5)).isEqualTo(
                new QueueStats(7, 2, 0, Duration.ZERO, Duration.ZERO, 1, 2, 3, 5, 4));
    }
}
