package dev.parley.app.operations;

import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.queue.InferenceQueue;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Stops the bot gracefully when the application context closes (SIGTERM, Ctrl-C, the end of the
 * console's input): the pipeline stops taking questions (new ones are told the bot is restarting),
 * the questions still waiting are told the same at once, and the answers being generated get up
 * to {@code grace} to finish before they are stopped.
 *
 * <p>Runs on the {@link ContextClosedEvent}, which Spring publishes before it stops any lifecycle
 * bean or destroys any bean: the platform adapters are still connected and send these notices
 * (their own close drains what they have queued).
 */
public final class GracefulShutdown implements ApplicationListener<ContextClosedEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

    private final ApplicationContext context;
    private final ChatPipeline pipeline;
    private final InferenceQueue queue;
    private final Duration grace;

    public GracefulShutdown(ApplicationContext context, ChatPipeline pipeline, InferenceQueue queue, Duration grace) {
        this.context = context;
        this.pipeline = pipeline;
        this.queue = queue;
        this.grace = grace;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != context) {
            return; // a child context (a management server) closing is not the bot stopping
        }
        pipeline.stopTaking();
        int waiting = queue.waiting();
        int running = queue.running();
        if (waiting + running > 0) {
            LOG.info("shutting down: {} answers running (up to {} ms to finish), {} waiting told to ask again",
                    running, grace.toMillis(), waiting);
        }
        try {
            if (!queue.finish(grace)) {
                LOG.warn("shutting down: answers still running after {} ms were stopped", grace.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queue.close();
        }
    }
}
