package dev.parley.app.model;

import dev.parley.core.modelswap.LoadedModel;
import dev.parley.core.modelswap.ModelSpec;
import dev.parley.core.modelswap.SwapEvents;
import dev.parley.model.llama.LlamaChatModel;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot swaps as meters ({@code parley.model.swaps} by {@code outcome}: {@code switched} or
 * {@code refused}) and log lines; points the model's figures at the model now serving.
 */
final class ModelSwapMeters implements SwapEvents, MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(ModelSwapMeters.class);

    private final SwappingModelStats stats;
    private final AtomicLong switched = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    ModelSwapMeters(SwappingModelStats stats) {
        this.stats = stats;
    }

    @Override
    public void switched(LoadedModel previous, LoadedModel next) {
        if (next.model() instanceof LlamaChatModel llama) {
            stats.switchTo(llama.stats());
        }
        switched.incrementAndGet();
        log.info("model switched to {} (sha256 {}) from {}; replies running finish on the old one",
                next.info().spec().describe(), next.info().sha256Prefix(), previous.info().spec().describe());
    }

    @Override
    public void refused(ModelSpec candidate, String reason) {
        refused.incrementAndGet();
        log.warn("model {} not loaded, the serving model stays: {}", candidate.describe(), reason);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("parley.model.swaps", switched, AtomicLong::get).tag("outcome", "switched")
                .description("models that replaced the serving one without a restart").register(registry);
        FunctionCounter.builder("parley.model.swaps", refused, AtomicLong::get).tag("outcome", "refused")
                .description("candidate models that failed a check; the serving one stayed").register(registry);
    }
}
