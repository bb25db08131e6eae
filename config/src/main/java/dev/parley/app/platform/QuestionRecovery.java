package dev.parley.app.platform;

import dev.parley.core.conversation.Platform;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.discord.DiscordAdapter;
import dev.parley.telegram.TelegramAdapter;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Takes again, once the adapters are started, the questions that were accepted but not finished
 * when the process last ended (killed, or the machine lost power): Telegram's at once (its adapter
 * is polling), Discord's once its shards are connected. The console's are dropped: their lines are
 * gone with the process that read them.
 *
 * <p>Runs on {@link ApplicationStartedEvent}: after the lifecycle beans started, before the
 * console reads its first line.
 */
public final class QuestionRecovery implements ApplicationListener<ApplicationStartedEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(QuestionRecovery.class);

    private final ChatPipeline pipeline;
    private final Duration maxAge;
    private final @Nullable TelegramAdapter telegram;
    private final @Nullable DiscordAdapter discord;

    public QuestionRecovery(ChatPipeline pipeline, Duration maxAge, @Nullable TelegramAdapter telegram,
            @Nullable DiscordAdapter discord) {
        this.pipeline = pipeline;
        this.maxAge = maxAge;
        this.telegram = telegram;
        this.discord = discord;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        int dropped = pipeline.dropPending(Platform.CONSOLE);
        if (dropped > 0) {
            LOG.info("{} console questions pending from before the restart were dropped", dropped);
        }
        TelegramAdapter telegramAdapter = telegram;
        if (telegramAdapter != null) {
            pipeline.resume(Platform.TELEGRAM, maxAge, telegramAdapter::replySinkFor);
        }
        DiscordAdapter discordAdapter = discord;
        if (discordAdapter != null) {
            Thread.ofVirtual().name("discord-recovery").start(() -> resumeDiscord(discordAdapter));
        }
    }

    private void resumeDiscord(DiscordAdapter adapter) {
        try {
            adapter.awaitReady();
            pipeline.resume(Platform.DISCORD, maxAge, adapter::replySinkFor);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the questions stay kept: the next start takes them (if they are not too old by then)
            LOG.warn("discord: questions pending from before the restart could not be taken again: {}",
                    e.toString());
        }
    }
}
