package dev.parley.app.chat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parley.app.model.ModelProperties;
import dev.parley.app.model.OperatorProperties;
import dev.parley.app.operations.PipelineMeters;
import dev.parley.app.startup.StartupException;
import dev.parley.app.storage.JdbcAcceptedQuestions;
import dev.parley.app.storage.JdbcAuditLog;
import dev.parley.app.storage.JdbcChannelSettingsStore;
import dev.parley.app.storage.JdbcConversationArchive;
import dev.parley.app.storage.JdbcInstallationSecrets;
import dev.parley.app.storage.JdbcLimitOverrides;
import dev.parley.app.storage.JdbcPersonaChoices;
import dev.parley.app.storage.JdbcScopePersonas;
import dev.parley.app.storage.JdbcSettingsStore;
import dev.parley.core.access.AccessControl;
import dev.parley.core.audit.AuditHash;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.audit.BlockReports;
import dev.parley.core.command.CommandService;
import dev.parley.core.command.DatasetExportSetup;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.feedback.FeedbackConsent;
import dev.parley.core.feedback.FeedbackLog;
import dev.parley.core.experiment.Experiment;
import dev.parley.core.experiment.ExperimentReport;
import dev.parley.core.feedback.FeedbackRecorder;
import dev.parley.core.history.ConversationHistory;
import dev.parley.core.model.ChatModel;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.modelswap.HotSwap;
import dev.parley.core.modelswap.ModelSpec;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.persona.Persona;
import dev.parley.core.persona.PersonaCatalog;
import dev.parley.core.persona.PersonaRules;
import dev.parley.core.persona.PersonaSelector;
import dev.parley.core.pipeline.AcceptedQuestions;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.PipelineSettings;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.QueueSettings;
import dev.parley.core.quota.Quotas;
import dev.parley.core.ratelimit.LimitOverrideStore;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.regenerate.RegenerableAnswers;
import dev.parley.core.review.ReviewQueue;
import dev.parley.core.settings.ChannelSettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.SettingsStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
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
    SettingsStore settingsStore(JdbcClient jdbc, TransactionTemplate transactions) {
        return new JdbcSettingsStore(jdbc, transactions);
    }

    @Bean
    AuditLog auditLog(JdbcClient jdbc) {
        return new JdbcAuditLog(jdbc);
    }

    /**
     * How blocked texts are named in the audit log: keyed with this installation's secret, made at
     * the first start and kept in the database (after Flyway: a bean on {@link JdbcClient} waits for it).
     */
    @Bean
    AuditHash auditHash(JdbcClient jdbc) {
        byte[] key = new JdbcInstallationSecrets(jdbc, new SecureRandom()).auditHashKey();
        try {
            return new AuditHash(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The questions accepted and not finished yet, so that a killed process takes them again. */
    @Bean
    AcceptedQuestions acceptedQuestions(JdbcClient jdbc) {
        return new JdbcAcceptedQuestions(jdbc);
    }

    @Bean
    TextNormaliser textNormaliser() {
        return new TextNormaliser();
    }

    @Bean
    ModerationPolicies moderationPolicies(SettingsStore settings, ChannelSettingsStore channels,
            ModerationProperties moderation, TextNormaliser normaliser) {
        return new ModerationPolicies(settings, channels, moderation.toDefaults(), normaliser);
    }

    @Bean
    ConversationMemory conversationMemory(ChatModel model, LimitProperties limits, ConversationHistory history) {
        return new ConversationMemory(model, new MemoryLimits(limits.maxConversations(), limits.conversationIdle(),
                limits.maxTurns(), limits.tokensPerTurn()), Ticker.systemTicker(), history);
    }

    /** Conversation history in the database, for the scopes that turn it on ({@code /bot history on}). */
    @Bean
    ConversationHistory conversationHistory(JdbcClient jdbc, TransactionTemplate transactions,
            HistoryProperties history, InstantSource clock) {
        try {
            return new ConversationHistory(new JdbcConversationArchive(jdbc, transactions), history.retention(), clock);
        } catch (IllegalArgumentException e) {
            throw new StartupException("invalid parley.history: " + e.getMessage());
        }
    }

    @Bean
    RateLimiter rateLimiter(InstantSource clock) {
        return new RateLimiter(clock, Ticker.systemTicker(), Duration.ofMinutes(10), 1_000_000);
    }

    @Bean(destroyMethod = "close")
    InferenceQueue inferenceQueue(ChatModel model, LimitProperties limits, InstantSource clock) {
        try {
            var queue = new InferenceQueue(new QueueSettings(model.parallelSlots(), limits.queueCapacity(),
                    limits.queuePerUser(), limits.queueMaxWait()), clock, model);
            queue.sweepEvery(Duration.ofSeconds(1));
            return queue;
        } catch (IllegalArgumentException e) {
            throw new StartupException("invalid parley.limits: " + e.getMessage());
        }
    }

    /** Queue depth, waits and rejections by reason, for the actuator. */
    @Bean
    QueueMeters queueMeters(InferenceQueue queue, ChatPipeline pipeline) {
        return new QueueMeters(queue, pipeline::rejected);
    }

    /**
     * The built-in persona {@code default} (system prompt and sampling as configured), the
     * configured ones, and each scope's own in the database.
     */
    @Bean
    PersonaSelector personaSelector(BotProperties bot, ModelProperties model, JdbcClient jdbc,
            TransactionTemplate transactions) {
        GenerationSettings sampling = new GenerationSettings(model.maxNewTokens(), model.temperature(), model.seed());
        Map<String, Persona> personas = new LinkedHashMap<>();
        personas.put("default", new Persona("default", bot.systemPrompt(), sampling));
        // a persona that scales an adapter the model does not load is a typo: say so at start-up
        Set<String> adapters = model.backend() == ModelProperties.Backend.LLAMA && model.lora().path() != null
                ? Set.of(ModelSpec.adapterName(model.lora().path()))
                : Set.of();
        bot.personas().forEach((name, p) -> p.adapterScales().keySet().stream()
                .filter(adapter -> model.backend() == ModelProperties.Backend.LLAMA && !adapters.contains(adapter))
                .findFirst().ifPresent(adapter -> {
                    throw new StartupException("invalid persona parley.bot.personas." + name
                            + ": no LoRA adapter named '" + adapter + "' is loaded ("
                            + (adapters.isEmpty() ? "parley.model.lora.path names none" : "loaded: " + String.join(", ", adapters))
                            + ")");
                }));
        bot.personas().forEach((name, p) -> personas.put(name, persona(name, p.systemPrompt(),
                new GenerationSettings(
                        p.maxNewTokens() == null ? sampling.maxNewTokens() : p.maxNewTokens(),
                        p.temperature() == null ? sampling.temperature() : p.temperature(),
                        p.seed() == null ? sampling.seed() : p.seed()),
                p.adapterScales())));
        try {
            return new PersonaSelector(new PersonaCatalog(List.copyOf(personas.values()), bot.persona()),
                    new JdbcPersonaChoices(jdbc, transactions), new JdbcScopePersonas(jdbc, transactions));
        } catch (IllegalArgumentException e) {
            throw new StartupException("invalid parley.bot personas: " + e.getMessage());
        }
    }

    /**
     * What a scope's own persona may be: the configured limits, and scales for the LoRA adapter the
     * serving model loaded (asked at each edit, since {@code /model load} may swap it).
     */
    @Bean
    PersonaRules personaRules(RuntimePersonaProperties limits, ModelProperties model, ObjectProvider<HotSwap> hotSwap) {
        if (limits.maxPromptChars() < 1 || limits.maxPromptChars() > RuntimePersonaProperties.STORED_PROMPT_CHARS) {
            throw new StartupException("invalid parley.runtime-personas.max-prompt-chars: must be from 1 to "
                    + RuntimePersonaProperties.STORED_PROMPT_CHARS + ", was " + limits.maxPromptChars());
        }
        if (limits.maxNewTokens() < 1) {
            throw new StartupException("invalid parley.runtime-personas.max-new-tokens: must be at least 1, was "
                    + limits.maxNewTokens());
        }
        int maxNewTokens = Math.max(1, Math.min(limits.maxNewTokens(), model.contextSize() / 2));
        HotSwap swap = hotSwap.getIfAvailable();
        // the openai backend ignores per-request scales, so it offers no adapter to scale
        return swap == null
                ? new PersonaRules(limits.maxPromptChars(), maxNewTokens, Set.of())
                : new PersonaRules(limits.maxPromptChars(), maxNewTokens, () -> swap.serving().info().spec().adapterNames());
    }

    private static Persona persona(String name, String systemPrompt, GenerationSettings sampling,
            Map<String, Float> adapterScales) {
        try {
            return new Persona(name, systemPrompt, sampling, adapterScales);
        } catch (IllegalArgumentException e) {
            throw new StartupException("invalid persona parley.bot.personas." + name + ": " + e.getMessage());
        }
    }

    @Bean
    LimitOverrideStore limitOverrides(JdbcClient jdbc, TransactionTemplate transactions) {
        return new JdbcLimitOverrides(jdbc, transactions);
    }

    /** Each channel's reply mode and own moderation, in the database and cached. */
    @Bean
    ChannelSettingsStore channelSettings(JdbcClient jdbc, TransactionTemplate transactions) {
        return new JdbcChannelSettingsStore(jdbc, transactions);
    }

    /**
     * Where blocks go for scopes that name an audit channel: to the adapter of the block's
     * platform, which registers itself once it is built (it needs the pipeline, which needs this).
     */
    @Bean
    PlatformBlockReports blockReports() {
        return new PlatformBlockReports();
    }

    @Bean
    PipelineSettings pipelineSettings(BotProperties bot, ModelProperties model, LimitProperties limits) {
        try {
            return new PipelineSettings(bot.systemPrompt(),
                    new GenerationSettings(model.maxNewTokens(), model.temperature(), model.seed()),
                    new ScopeLimits(new RateLimit(limits.userPerMinute(), limits.userBurst()),
                            new RateLimit(limits.channelPerMinute(), limits.channelBurst()),
                            new RateLimit(limits.serverPerMinute(), limits.serverBurst())),
                    bot.maxInputChars(), limits.queuePositionFrom());
        } catch (IllegalArgumentException e) {
            throw new StartupException("invalid parley.limits: " + e.getMessage());
        }
    }

    @Bean
    CommandService commandService(SettingsStore settings, ModerationPolicies policies, Moderator moderator,
            ConversationMemory memory, AuditLog audit, InstantSource clock, PersonaSelector personas,
            InferenceQueue queue, LimitOverrideStore limitOverrides, PipelineSettings pipelineSettings,
            ChannelSettingsStore channels, ConversationHistory history, PersonaRules personaRules,
            ObjectProvider<HotSwap> hotSwap, OperatorProperties operators, AccessControl access,
            Quotas quotas, ReviewQueue reviews, CommandService.PrivacySetup privacy, FeedbackConsent feedbackConsent,
            FeedbackLog feedbackLog, ExperimentReport experimentReport, DatasetExportSetup datasets) {
        var commands = CommandService.builder().settings(settings).policies(policies).moderator(moderator)
                .memory(memory).audit(audit).clock(clock).personas(personas).personaRules(personaRules).queue(queue)
                .rateLimits(new CommandService.RateLimitSetup(limitOverrides, pipelineSettings.limits()))
                .channels(channels)
                .history(history)
                .access(access)
                .quotas(quotas)
                .reviews(reviews)
                .privacy(privacy)
                .feedback(feedbackConsent, feedbackLog)
                .experiment(experimentReport)
                .datasets(datasets);
        hotSwap.ifAvailable(swap -> commands.models(swap, operators.toOperators()));
        return commands.build();
    }

    @Bean
    ChatPipeline chatPipeline(PipelineSettings settings, CommandService commands, ModerationPolicies policies,
            Moderator moderator, RateLimiter rateLimiter, InferenceQueue queue, ChatModel chatModel,
            ConversationMemory memory, AuditLog audit, InstantSource clock, PersonaSelector personas,
            LimitOverrideStore limitOverrides, ChannelSettingsStore channels, BlockReports blockReports,
            PipelineMeters meters, AcceptedQuestions acceptedQuestions, AuditHash auditHash, AccessControl access,
            Quotas quotas, FeedbackRecorder feedback, Experiment experiment, RegenerableAnswers regenerable) {
        return ChatPipeline.builder()
                .settings(settings)
                .commands(commands)
                .policies(policies)
                .moderator(moderator)
                .rateLimiter(rateLimiter)
                .queue(queue)
                .model(chatModel)
                .memory(memory)
                .audit(audit)
                .clock(clock)
                .personas(personas)
                .overrides(limitOverrides)
                .channels(channels)
                .reports(blockReports)
                .events(meters)
                .questions(acceptedQuestions)
                .auditHash(auditHash)
                .access(access)
                .quotas(quotas)
                .feedback(feedback)
                .experiment(experiment)
                .regenerable(regenerable)
                .build();
    }
}
