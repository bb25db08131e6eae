package dev.parley.app.platform;

import java.util.concurrent.CountDownLatch;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Whether the bot serves a platform (and so runs until it is stopped) rather than the console
 * (and so ends with its input); the launcher waits here until the application is shut down.
 */
public final class Serving implements ApplicationListener<ContextClosedEvent> {

    private final boolean platform;
    private final CountDownLatch closed = new CountDownLatch(1);

    public Serving(boolean platform) {
        this.platform = platform;
    }

    /** When serving a platform, blocks until the application context closes (SIGTERM, Ctrl-C). */
    public void awaitShutdown() throws InterruptedException {
        if (platform) {
            closed.await();
        }
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closed.countDown();
    }
}
