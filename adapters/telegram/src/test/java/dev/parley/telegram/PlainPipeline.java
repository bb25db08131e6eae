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
import dev.parley.core.pipeline.PipelineSettings;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;

/** A real core with nothing blocked and generous limits, for tests about the adapter's own life. */
final class PlainPipeline {

    private PlainPipeline() {}

    static ChatPipeline over(ChatModel model, InferenceQueue queue) {
        InstantSource clock = InstantSource.system();
        TextNormaliser normaliser = new TextNormaliser();
        Moderator moderator = new Moderator(normaliser);
        InMemorySettingsStore settings = new InMemorySettingsStore();
        ModerationPolicies policies = new ModerationPolicies(settings, new ModerationDefaults(List.of(),
                Set.of(Direction.INPUT, Direction.OUTPUT), "blocked", "stopped"), normaliser);
        InMemoryAuditLog audit = new InMemoryAuditLog();
        ConversationMemory memory = new ConversationMemory(model, new MemoryLimits(100, Duration.ofMinutes(30), 20, 0),
                Ticker.systemTicker());
        CommandService commands = CommandService.builder().settings(settings).policies(policies).moderator(moderator)
                .memory(memory).audit(audit).clock(clock).queue(queue).build();
        return ChatPipeline.builder()
                .settings(new PipelineSettings("You are Parley.", new GenerationSettings(2000, 0f, 42),
                        new RateLimit(600, 100), 6000))
                .commands(commands).policies(policies).moderator(moderator)
                .rateLimiter(new RateLimiter(clock, Ticker.systemTicker(), Duration.ofMinutes(10), 1000))
                .queue(queue).model(model).memory(memory).audit(audit).clock(clock).build();
    }
}
