package dev.parley.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.model.stats.CacheCounters;
import dev.parley.model.stats.ModelStats;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SwappingModelStatsTest {

    /** Figures set by the test. */
    private static final class Figures implements ModelStats {
        boolean loaded = true;
        int busy;
        long tokens;
        long replies;
        CacheCounters cache = CacheCounters.NONE;

        @Override
        public boolean loaded() {
            return loaded;
        }

        @Override
        public int busySlots() {
            return busy;
        }

        @Override
        public int parallelSlots() {
            return 4;
        }

        @Override
        public long tokensGenerated() {
            return tokens;
        }

        @Override
        public long repliesCompleted() {
            return replies;
        }

        @Override
        public double generationTokensPerSecond() {
            return tokens;
        }

        @Override
        public Optional<Duration> lastTimeToFirstToken() {
            return Optional.empty();
        }

        @Override
        public CacheCounters conversationCache() {
            return cache;
        }
    }

    @Test
    void switchTo_countersKeepCountingAcrossSwaps_andTheReplacedModelsRepliesStillCount() {
        var a = new Figures();
        a.tokens = 100;
        a.replies = 3;
        a.busy = 2;
        var stats = new SwappingModelStats(a);
        var b = new Figures();
        b.busy = 1;

        stats.switchTo(b);
        a.tokens = 120; // A's running replies finish after the switch
        a.replies = 5;
        a.busy = 0;
        a.loaded = false;
        b.tokens = 7;
        b.replies = 1;

        assertThat(stats.tokensGenerated()).isEqualTo(127);
        assertThat(stats.repliesCompleted()).isEqualTo(6);
        assertThat(stats.busySlots()).isEqualTo(1);
        assertThat(stats.loaded()).as("the serving model's").isTrue();

        var c = new Figures();
        stats.switchTo(c);

        assertThat(stats.tokensGenerated()).isEqualTo(127);
        assertThat(stats.repliesCompleted()).isEqualTo(6);
        assertThat(stats.generationTokensPerSecond()).as("the serving model's").isZero();
    }

    @Test
    void conversationCache_countsOfReplacedModelsAreAdded() {
        var a = new Figures();
        a.cache = new CacheCounters(4, 2, 1, 1, 300);
        var stats = new SwappingModelStats(a);
        var b = new Figures();
        stats.switchTo(b);
        a.cache = new CacheCounters(5, 2, 1, 1, 320); // a reply running on A still counts
        b.cache = new CacheCounters(0, 1, 0, 0, 0);
        var c = new Figures();

        stats.switchTo(c);

        assertThat(stats.conversationCache()).isEqualTo(new CacheCounters(5, 3, 1, 1, 320));
    }

    @Test
    void aRetiredModelsHostStoreHoldsNoBytesButItsCountsStay() {
        var a = new Figures();
        a.cache = new CacheCounters(1, 1, 0, 0, 10, 1, 5_000, 1);
        var stats = new SwappingModelStats(a);
        var b = new Figures();
        b.cache = new CacheCounters(0, 1, 0, 0, 0, 0, 2_000, 0);

        stats.switchTo(b);
        assertThat(stats.conversationCache().hostBytes()).isEqualTo(7_000); // A drains, its store still there
        stats.switchTo(new Figures());

        CacheCounters counted = stats.conversationCache();
        assertThat(List.of(counted.hostHits(), counted.hostEvictions())).containsExactly(1L, 1L);
        assertThat(counted.hostBytes()).as("only B, still replaced and draining").isEqualTo(2_000);
    }
}
