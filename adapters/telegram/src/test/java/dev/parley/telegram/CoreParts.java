package dev.parley.telegram;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.command.CommandService;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.model.ChatModel;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.ChatPipelineBuilder;
import dev.parley.core.pipeline.PipelineSettings;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.core.settings.InMemoryChannelSettingsStore;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;

/**
 * The real core the adapter's tests hand messages to, on the system clock (they run against a
 * live fake server): moderation of both directions blocking {@code blocked} terms, generous
 * limits, in-memory settings and audit. {@link #commands()} and {@link #pipeline} return the two
 * builders wired with it, so a test adds only what it is about.
 */
final class CoreParts {

    final InstantSource clock = InstantSource.system();
    final TextNormaliser normaliser = new TextNormaliser();
    final Moderator moderator = new Moderator(normaliser);
    final InMemorySettingsStore settings = new InMemorySettingsStore();
    final InMemoryChannelSettingsStore channels = new InMemoryChannelSettingsStore();
    final InMemoryAuditLog audit = new InMemoryAuditLog();
    final PipelineSettings pipelineSettings = new PipelineSettings("You are Parley.",
            new GenerationSettings(2000, 0f, 42), new RateLimit(600, 100), 6000);
    final ModerationPolicies policies;
    final ChatModel model;
    final InferenceQueue queue;
    final ConversationMemory memory;

    /** A core around {@code model} that blocks {@code blocked} with the notice {@code blockedNotice}. */
    CoreParts(ChatModel model, InferenceQueue queue, List<String> blocked, String blockedNotice, String stoppedNotice) {
        this.model = model;
        this.queue = queue;
        this.policies = new ModerationPolicies(settings, channels, new ModerationDefaults(blocked,
                Set.of(Direction.INPUT, Direction.OUTPUT), blockedNotice, stoppedNotice), normaliser);
        this.memory = new ConversationMemory(model, new MemoryLimits(100, Duration.ofMinutes(30), 20, 0),
                Ticker.systemTicker());
    }

    /** The command service's builder, given every part and the queue. */
    CommandService.Builder commands() {
        return CommandService.builder().settings(settings).policies(policies).moderator(moderator).memory(memory)
                .audit(audit).clock(clock).queue(queue);
    }

    /** The pipeline's builder, given {@code commands} and every part. */
    ChatPipelineBuilder pipeline(CommandService commands) {
        return ChatPipeline.builder()
                .settings(pipelineSettings)
                .commands(commands)
                .policies(policies)
                .moderator(moderator)
                .rateLimiter(new RateLimiter(clock, Ticker.systemTicker(), Duration.ofMinutes(10), 1000))
                .queue(queue)
                .model(model)
                .memory(memory)
                .audit(audit)
                .clock(clock);
    }
}
