package dev.parley.app.chat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parley.app.model.ModelProperties;
import dev.parley.app.storage.JdbcAuditLog;
import dev.parley.app.storage.JdbcSettingsStore;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.command.CommandService;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.model.ChatModel;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.ModerationPolicies;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.PipelineSettings;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.core.settings.SettingsStore;
import java.time.Duration;
import java.time.InstantSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the core's object graph with {@code new}: the core knows nothing of Spring, so nothing in
 * it is scanned or annotated.
 */
@Configuration(proxyBeanMethods = false)
public class ChatConfiguration {

    @Bean
    InstantSource clock() {
        return InstantSource.system();
    }

    @Bean
    SettingsStore settingsStore(JdbcClient jdbc, TransactionTemplate transactions) {
        return new JdbcSettingsStore(jdbc, transactions);
    }

    @Bean
    AuditLog auditLog(JdbcClient jdbc) {
        return new JdbcAuditLog(jdbc);
    }

    @Bean
    Moderator moderator() {
        return new Moderator(new TextNormaliser());
    }

    @Bean
    ModerationPolicies moderationPolicies(SettingsStore settings, ModerationProperties moderation) {
        var defaults = new ModerationDefaults(moderation.blockedTerms(), moderation.directions(),
                moderation.inputNotice(), moderation.outputNotice());
        return new ModerationPolicies(settings, defaults, new TextNormaliser());
    }

    @Bean
    ConversationMemory conversationMemory(ChatModel model, LimitProperties limits) {
        return new ConversationMemory(model, new MemoryLimits(limits.maxConversations(), limits.conversationIdle(),
                limits.maxTurns(), limits.tokensPerTurn()), Ticker.systemTicker());
    }

    @Bean
    RateLimiter rateLimiter(InstantSource clock) {
        return new RateLimiter(clock, Ticker.systemTicker(), Duration.ofMinutes(10), 1_000_000);
    }

    @Bean(destroyMethod = "close")
    InferenceQueue inferenceQueue(ChatModel model, LimitProperties limits) {
        return new InferenceQueue(model.parallelSlots(), limits.queueCapacity());
    }

    @Bean
    CommandService commandService(SettingsStore settings, ModerationPolicies policies, Moderator moderator,
            ConversationMemory memory, AuditLog audit, InstantSource clock) {
        return new CommandService(settings, policies, moderator, memory, audit, clock);
    }

    @Bean
    ChatPipeline chatPipeline(BotProperties bot, ModelProperties model, LimitProperties limits,
            CommandService commands, ModerationPolicies policies, Moderator moderator, RateLimiter rateLimiter,
            InferenceQueue queue, ChatModel chatModel, ConversationMemory memory, AuditLog audit, InstantSource clock) {
        var settings = new PipelineSettings(bot.systemPrompt(),
                new GenerationSettings(model.maxNewTokens(), model.temperature(), model.seed()),
                new RateLimit(limits.userPerMinute(), limits.userBurst()), bot.maxInputChars());
        return new ChatPipeline(settings, commands, policies, moderator, rateLimiter, queue, chatModel, memory, audit,
                clock);
    }
}
