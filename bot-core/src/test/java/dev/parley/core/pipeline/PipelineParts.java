package dev.parley.core.pipeline;

import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.command.CommandService;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.model.ChatModel;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.SettingsStore;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;

/**
 * The parts every pipeline of these tests is made of, on one fake clock. {@link #commands()} and
 * {@link #builder} wire them into the two builders, so a test adds only what it is about (access,
 * personas, events, a limiter of its own...) before it builds.
 */
record PipelineParts(FakeClock clock, SettingsStore settings, ModerationPolicies policies, Moderator moderator,
        InferenceQueue queue, ChatModel model, ConversationMemory memory, InMemoryAuditLog audit) {

    /** The same parts with {@code other} moderating. */
    PipelineParts withModerator(Moderator other) {
        return new PipelineParts(clock, settings, policies, other, queue, model, memory, audit);
    }

    /** The same parts with {@code other} as the moderation policies. */
    PipelineParts withPolicies(ModerationPolicies other) {
        return new PipelineParts(clock, settings, other, moderator, queue, model, memory, audit);
    }

    /** A rate limiter on the parts' clock that forgets a key idle for ten minutes and keeps at most 1,000. */
    RateLimiter rateLimiter() {
        return new RateLimiter(clock, clock, Duration.ofMinutes(10), 1_000);
    }

    /** The command service's builder, given the settings, policies, moderator, memory, audit and clock. */
    CommandService.Builder commands() {
        return CommandService.builder().settings(settings).policies(policies).moderator(moderator).memory(memory)
                .audit(audit).clock(clock);
    }

    /**
     * The pipeline's builder, given {@code pipelineSettings}, {@code commands}, a {@link #rateLimiter()}
     * and every part.
     */
    ChatPipelineBuilder builder(PipelineSettings pipelineSettings, CommandService commands) {
        return ChatPipeline.builder()
                .settings(pipelineSettings)
                .commands(commands)
                .policies(policies)
                .moderator(moderator)
                .rateLimiter(rateLimiter())
                .queue(queue)
                .model(model)
                .memory(memory)
                .audit(audit)
                .clock(clock);
    }
}
