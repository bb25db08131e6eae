package dev.parley.app.model;

import dev.parley.model.stats.CacheCounters;
import dev.parley.model.stats.ModelStats;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The figures of whichever model serves, across hot swaps: the counters keep counting (those of
 * replaced models are added), the gauges show the serving model, busy slots also the replaced
 * model's replies still running.
 */
final class SwappingModelStats implements ModelStats {

    private volatile ModelStats serving;
    // the model replaced last: it may still finish replies, so it is read live until the next swap
    private volatile @Nullable ModelStats replaced;
    private volatile long tokensBefore;
    private volatile long repliesBefore;
    private volatile CacheCounters cacheBefore = CacheCounters.NONE;

    SwappingModelStats(ModelStats initial) {
        this.serving = Objects.requireNonNull(initial, "initial");
    }

    /** {@code next} serves from now on. */
    synchronized void switchTo(ModelStats next) {
        ModelStats older = replaced;
        if (older != null) {
            tokensBefore += older.tokensGenerated();
            repliesBefore += older.repliesCompleted();
            cacheBefore = cacheBefore.plus(older.conversationCache().retired());
        }
        replaced = serving;
        serving = next;
    }

    @Override
    public boolean loaded() {
        return serving.loaded();
    }

    @Override
    public int busySlots() {
        ModelStats older = replaced;
        return serving.busySlots() + (older == null ? 0 : older.busySlots());
    }

    @Override
    public int parallelSlots() {
        return serving.parallelSlots();
    }

    @Override
    public synchronized long tokensGenerated() {
        ModelStats older = replaced;
        return tokensBefore + (older == null ? 0 : older.tokensGenerated()) + serving.tokensGenerated();
    }

    @Override
    public synchronized long repliesCompleted() {
        ModelStats older = replaced;
        return repliesBefore + (older == null ? 0 : older.repliesCompleted()) + serving.repliesCompleted();
    }

    @Override
    public synchronized CacheCounters conversationCache() {
        ModelStats older = replaced;
        CacheCounters counted = cacheBefore.plus(serving.conversationCache());
        return older == null ? counted : counted.plus(older.conversationCache());
    }

    @Override
    public double generationTokensPerSecond() {
        return serving.generationTokensPerSecond();
    }

    @Override
    public Optional<Duration> lastTimeToFirstToken() {
        return serving.lastTimeToFirstToken();
    }
}
