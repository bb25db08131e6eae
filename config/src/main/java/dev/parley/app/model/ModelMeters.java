package dev.parley.app.model;

import dev.parley.model.stats.CacheCounters;
import dev.parley.model.stats.ModelStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.function.ToLongFunction;

/**
 * The model's figures as Micrometer meters: {@code parley.model.loaded}, {@code .slots.busy},
 * {@code .slots}, {@code .tokens.generated}, {@code .replies}, {@code .generation.tokens.per.second}
 * and {@code .time.to.first.token} (seconds, of the latest reply); and the conversation cache's
 * counters ({@link CacheCounters}): {@code parley.model.cache.hits}, {@code .misses},
 * {@code .evictions}, {@code .prefix.hits} and {@code .tokens.reused}; of its host-memory store,
 * {@code parley.model.cache.host.hits}, {@code .host.evictions} and the gauge {@code .host.bytes}.
 */
public final class ModelMeters implements MeterBinder {

    private final ModelStats stats;

    public ModelMeters(ModelStats stats) {
        this.stats = stats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("parley.model.loaded", stats, s -> s.loaded() ? 1 : 0)
                .description("1 while the model is loaded and answering").register(registry);
        Gauge.builder("parley.model.slots.busy", stats, ModelStats::busySlots)
                .description("replies being generated now").register(registry);
        Gauge.builder("parley.model.slots", stats, ModelStats::parallelSlots)
                .description("replies that can be generated at once").register(registry);
        FunctionCounter.builder("parley.model.tokens.generated", stats, ModelStats::tokensGenerated)
                .description("tokens generated since start").register(registry);
        FunctionCounter.builder("parley.model.replies", stats, ModelStats::repliesCompleted)
                .description("replies finished, failed or cancelled since start").register(registry);
        Gauge.builder("parley.model.generation.tokens.per.second", stats, ModelStats::generationTokensPerSecond)
                .description("generation speed of the latest replies").register(registry);
        Gauge.builder("parley.model.time.to.first.token", stats,
                        s -> s.lastTimeToFirstToken().map(Duration::toNanos).orElse(0L) / 1e9)
                .baseUnit("seconds").description("time to first token of the latest reply").register(registry);
        cacheCounter(registry, "hits", CacheCounters::hits,
                "requests that continued a conversation held in the model's cache: only the new turn was decoded");
        cacheCounter(registry, "misses", CacheCounters::misses, "requests that continued no conversation held in the cache");
        cacheCounter(registry, "evictions", CacheCounters::evictions,
                "misses that took the cache place of the least recently used conversation");
        cacheCounter(registry, "prefix.hits", CacheCounters::prefixHits,
                "misses that reused a system prompt another conversation had decoded");
        cacheCounter(registry, "tokens.reused", CacheCounters::tokensReused, "prompt tokens the cache spared decoding");
        cacheCounter(registry, "host.hits", CacheCounters::hostHits,
                "misses whose KV state came back from host memory: an evicted conversation or a stored system prompt");
        cacheCounter(registry, "host.evictions", CacheCounters::hostEvictions,
                "conversations dropped from host memory to stay within parley.model.cache.host-bytes");
        Gauge.builder("parley.model.cache.host.bytes", stats, s -> s.conversationCache().hostBytes())
                .baseUnit("bytes").description("host memory held by evicted conversations' KV states").register(registry);
    }

    private void cacheCounter(MeterRegistry registry, String name, ToLongFunction<CacheCounters> count, String description) {
        FunctionCounter.builder("parley.model.cache." + name, stats, s -> count.applyAsLong(s.conversationCache()))
                .description(description).register(registry);
    }
}
