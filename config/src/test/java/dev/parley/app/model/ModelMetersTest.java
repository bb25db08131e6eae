package dev.parley.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.model.stats.CacheCounters;
import dev.parley.model.stats.ModelStats;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelMetersTest {

    /** Figures that a test sets by hand. */
    private static final class SetStats implements ModelStats {
        boolean loaded = true;
        int busy;
        long tokens;
        Optional<Duration> ttft = Optional.empty();
        CacheCounters cache = CacheCounters.NONE;

        @Override public boolean loaded() { return loaded; }
        @Override public int busySlots() { return busy; }
        @Override public int parallelSlots() { return 4; }
        @Override public long tokensGenerated() { return tokens; }
        @Override public long repliesCompleted() { return 7; }
        @Override public double generationTokensPerSecond() { return 12.5; }
        @Override public Optional<Duration> lastTimeToFirstToken() { return ttft; }
        @Override public CacheCounters conversationCache() { return cache; }
    }

    @Test
    void metersFollowTheLiveFigures() {
        var stats = new SetStats();
        var registry = new SimpleMeterRegistry();
        new ModelMeters(stats).bindTo(registry);

        stats.busy = 3;
        stats.tokens = 1234;
        stats.ttft = Optional.of(Duration.ofMillis(250));

        assertThat(registry.get("parley.model.slots.busy").gauge().value()).isEqualTo(3);
        assertThat(registry.get("parley.model.slots").gauge().value()).isEqualTo(4);
        assertThat(registry.get("parley.model.tokens.generated").functionCounter().count()).isEqualTo(1234);
        assertThat(registry.get("parley.model.replies").functionCounter().count()).isEqualTo(7);
        assertThat(registry.get("parley.model.generation.tokens.per.second").gauge().value()).isEqualTo(12.5);
        assertThat(registry.get("parley.model.time.to.first.token").gauge().value()).isEqualTo(0.25);
        assertThat(registry.get("parley.model.loaded").gauge().value()).isEqualTo(1);
        stats.loaded = false;
        assertThat(registry.get("parley.model.loaded").gauge().value()).isZero();
    }

    @Test
    void cacheMetersFollowTheConversationCache() {
        var stats = new SetStats();
        var registry = new SimpleMeterRegistry();
        new ModelMeters(stats).bindTo(registry);

        stats.cache = new CacheCounters(5, 3, 1, 2, 480);

        assertThat(registry.get("parley.model.cache.hits").functionCounter().count()).isEqualTo(5);
        assertThat(registry.get("parley.model.cache.misses").functionCounter().count()).isEqualTo(3);
        assertThat(registry.get("parley.model.cache.evictions").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("parley.model.cache.prefix.hits").functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("parley.model.cache.tokens.reused").functionCounter().count()).isEqualTo(480);
    }

    @Test
    void hostStoreMetersFollowItsHitsEvictionsAndBytes() {
        var stats = new SetStats();
        var registry = new SimpleMeterRegistry();
        new ModelMeters(stats).bindTo(registry);

        stats.cache = new CacheCounters(5, 3, 1, 2, 480, 2, 22_780, 1);

        assertThat(registry.get("parley.model.cache.host.hits").functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("parley.model.cache.host.evictions").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("parley.model.cache.host.bytes").gauge().value()).isEqualTo(22_780);
    }
}
