package dev.parley.app.operations;

import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.model.stats.ModelStats;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Metrics of the pipeline, the model's health and the graceful shutdown. */
@Configuration(proxyBeanMethods = false)
public class OperationsConfiguration {

    @Bean
    PipelineMeters pipelineMeters(MeterRegistry registry) {
        return new PipelineMeters(registry);
    }

    /** {@code model}: up while the model is loaded and accepts requests. */
    @Bean
    HealthIndicator modelHealthIndicator(ModelStats stats) {
        return () -> (stats.loaded() ? Health.up() : Health.down().withDetail("reason", "the model is not loaded"))
                .withDetail("slots", stats.parallelSlots())
                .withDetail("busySlots", stats.busySlots())
                .build();
    }

    @Bean
    GracefulShutdown gracefulShutdown(ApplicationContext context, ChatPipeline pipeline, InferenceQueue queue,
            ShutdownProperties shutdown) {
        return new GracefulShutdown(context, pipeline, queue, shutdown.grace());
    }
}
