package dev.parley.app.platform;

import dev.parley.app.chat.LimitProperties;
import dev.parley.app.chat.PlatformBlockReports;
import dev.parley.app.review.PlatformAuthorNotices;
import dev.parley.app.privacy.PlatformPrivateDelivery;
import dev.parley.app.startup.StartupException;
import dev.parley.core.conversation.Platform;
import dev.parley.core.review.ReviewQueue;
import dev.parley.core.feedback.ReactionVotes;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.regenerate.RegenerableAnswers;
import dev.parley.discord.DiscordAdapter;
import dev.parley.discord.DiscordSettings;
import java.time.InstantSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** Runs the Discord adapter when a Discord token is set, and reports its connection to the health endpoint. */
@Configuration(proxyBeanMethods = false)
@Conditional(DiscordConfiguration.TokenSet.class)
public class DiscordConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    DiscordAdapter discordAdapter(DiscordProperties discord, ChatPipeline pipeline, InstantSource clock,
            LimitProperties limits, PlatformBlockReports blockReports, ReviewQueue reviews,
            PlatformAuthorNotices authorNotices, PlatformPrivateDelivery privateDelivery, ReactionVotes votes, RegenerableAnswers regenerable) {
        try {
            var settings = new DiscordSettings(discord.token(), discord.restUrl(), discord.gatewayUrl(),
                    discord.adminRole(), discord.shards().total(), discord.shards().first(),
                    discord.shards().lastOrAll());
            var adapter = new DiscordAdapter(settings, pipeline, clock, limits.queueMaxWait(), discord.replyCaches());
            blockReports.register(Platform.DISCORD, adapter.blockReports());
            adapter.offerReviews(reviews);
            authorNotices.register(Platform.DISCORD, adapter.reviewNotices());
            privateDelivery.register(Platform.DISCORD, adapter.privateDelivery());
            adapter.votes(votes);
            regenerable.display(Platform.DISCORD, adapter.answerButtons());
            return adapter;
        } catch (IllegalArgumentException e) {
            throw new StartupException("invalid parley.discord settings: " + e.getMessage());
        }
    }

    /** {@code discord}: up while every shard of this process is connected to the gateway. */
    @Bean
    HealthIndicator discordHealthIndicator(DiscordAdapter adapter) {
        return () -> adapter.connected() ? Health.up().build()
                : Health.down().withDetail("reason", "not connected to the Discord gateway").build();
    }

    /** Whether {@code parley.discord.token} has text. */
    static final class TokenSet extends PlatformTokenCondition {
        TokenSet() {
            super("parley.discord.token");
        }
    }
}
