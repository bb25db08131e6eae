package dev.parley.app.platform;

import dev.parley.console.ConsoleAdapter;
import dev.parley.core.pipeline.ChatPipeline;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Runs the console adapter on standard input and output when no platform token is configured, and
 * refuses tokens for platforms whose adapters are not built yet rather than pretending to serve them.
 * When a platform adapter runs, standard input is not read: this waits until the application is
 * stopped (Ctrl+C, SIGTERM), so the adapters keep serving.
 */
public final class ConsoleRunner implements ApplicationRunner, ApplicationListener<ContextClosedEvent> {

    private final ChatPipeline pipeline;
    private final DiscordProperties discord;
    private final TelegramProperties telegram;
    private final InstantSource clock;
    private final CountDownLatch closed = new CountDownLatch(1);

    public ConsoleRunner(ChatPipeline pipeline, DiscordProperties discord, TelegramProperties telegram,
            InstantSource clock) {
        this.pipeline = pipeline;
        this.discord = discord;
        this.telegram = telegram;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (discord.enabled()) {
            // placeholder: the Discord adapter is an empty module until its issue lands
            throw new StartupException("a Discord token is set, but the Discord adapter is not built yet; "
                    + "unset DISCORD_TOKEN to chat on the console or on Telegram");
        }
        if (telegram.enabled()) {
            awaitShutdown(); // TelegramConfiguration runs the adapter
            return;
        }
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        var out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        new ConsoleAdapter(pipeline, in, out, clock).run();
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closed.countDown();
    }

    private void awaitShutdown() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
