package dev.parley.discord;

import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.ratelimit.OutboundScheduler;
import java.time.InstantSource;

/**
 * An outbound driver that is never started: what a test queues stays pending, so it sees the send
 * without a REST call running; {@link OutboundDriver#close()} then stands for the bot's shutdown.
 */
final class UnstartedDriver {

    private UnstartedDriver() {}

    static OutboundDriver create() {
        return new OutboundDriver(new OutboundScheduler(InstantSource.system()), Thread.ofPlatform().factory());
    }
}
