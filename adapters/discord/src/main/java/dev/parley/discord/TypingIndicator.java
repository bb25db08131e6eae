package dev.parley.discord;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;

/**
 * "Parley is typing..." while a question waits for the model: Discord shows it for about 10 s per
 * call, so it is renewed every 8 s until the first words (or a notice) appear, or for at most
 * {@code longest}.
 */
final class TypingIndicator {

    private static final Duration RENEW_EVERY = Duration.ofSeconds(8);

    private final ScheduledExecutorService timer;
    private final Duration longest;

    TypingIndicator(ScheduledExecutorService timer, Duration longest) {
        this.timer = timer;
        this.longest = longest;
    }

    /** Starts typing in {@code channel}; run the returned action to stop (idempotent). */
    Runnable start(MessageChannel channel) {
        AtomicReference<ScheduledFuture<?>> renewal = new AtomicReference<>();
        long rounds = Math.max(1, longest.toMillis() / RENEW_EVERY.toMillis());
        long[] sent = {0};
        renewal.set(timer.scheduleAtFixedRate(() -> {
            if (sent[0]++ >= rounds) {
                ScheduledFuture<?> self = renewal.get();
                if (self != null) {
                    self.cancel(false);
                }
                return;
            }
            channel.sendTyping().queue(ok -> {}, failure -> {}); // cosmetic: a failure changes nothing
        }, 0, RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS));
        return () -> renewal.get().cancel(false);
    }
}
