package dev.parley.app.chat;

import dev.parley.core.pipeline.Rejection;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.QueueStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The queue's and the pipeline's figures as Micrometer meters: {@code parley.queue.waiting} and
 * {@code .running} (gauges), {@code .started}, {@code .wait.total} (seconds; divide by
 * {@code .started} for the mean), {@code .wait.longest} (seconds), and
 * {@code parley.rejections} tagged with {@code reason} (counters).
 */
public final class QueueMeters implements MeterBinder {

    private final InferenceQueue queue;
    private final ToLongFunction<Rejection> rejected;

    /** @param rejected messages refused for a reason since start: the pipeline's {@code rejected} */
    public QueueMeters(InferenceQueue queue, ToLongFunction<Rejection> rejected) {
        this.queue = queue;
        this.rejected = rejected;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "parley.queue.waiting", "requests waiting for a model slot", QueueStats::waiting);
        gauge(registry, "parley.queue.running", "requests holding a model slot", QueueStats::running);
        FunctionCounter.builder("parley.queue.started", queue, q -> q.stats().started())
                .description("requests that got a model slot").register(registry);
        FunctionCounter.builder("parley.queue.wait.total", queue, q -> q.stats().totalWait().toNanos() / 1e9)
                .baseUnit("seconds").description("time started requests waited, summed").register(registry);
        gauge(registry, "parley.queue.wait.longest", "the longest wait of a started request",
                s -> s.longestWait().toNanos() / 1e9);
        // Micrometer holds a function counter's object weakly: the queue, which the application
        // holds, not the pipeline's function, which only this binder would (a collected one reads 0)
        for (Rejection reason : Rejection.values()) {
            FunctionCounter.builder("parley.rejections", queue, q -> rejected.applyAsLong(reason))
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .description("messages that got no model answer, by reason").register(registry);
        }
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<QueueStats> figure) {
        Gauge.builder(name, queue, q -> figure.applyAsDouble(q.stats())).description(description).register(registry);
    }
}
