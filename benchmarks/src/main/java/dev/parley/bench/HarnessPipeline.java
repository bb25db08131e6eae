package dev.parley.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.command.CommandService;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.model.ChatModel;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.LocalModerationProvider;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.persona.Persona;
import dev.parley.core.persona.PersonaSelector;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.PipelineSettings;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.ratelimit.LimitOverrides;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;

/**
 * The chat pipeline the load and soak harnesses drive: the real core with the standard local
 * moderation tier, settings in memory, one persona and 64-token replies; the model, queue,
 * memory, audit log and rate limits are the harness's own.
 */
public final class HarnessPipeline {

    private HarnessPipeline() {}

    /**
     * The moderation of a harness pipeline: the standard local tier over settings in memory.
     *
     * @param settings the scopes' settings, which the pipeline's commands change
     */
    public record Moderation(Moderator moderator, ModerationPolicies policies, InMemorySettingsStore settings) {

        /**
         * @param cachedVerdicts how many verdicts the moderator keeps (0: every text is moderated afresh)
         * @param blockedTerms the terms every scope blocks by default
         */
        public static Moderation standard(int cachedVerdicts, List<String> blockedTerms) {
            TextNormaliser normaliser = new TextNormaliser();
            InMemorySettingsStore settings = new InMemorySettingsStore();
            return new Moderation(
                    new Moderator(normaliser, List.of(LocalModerationProvider.standard(normaliser)), cachedVerdicts),
                    new ModerationPolicies(settings, new ModerationDefaults(blockedTerms,
                            Set.of(Direction.INPUT, Direction.OUTPUT), "in", "out"), normaliser),
                    settings);
        }
    }

    /**
     * The load and soak harnesses' pipeline: standard moderation caching 100,000 verdicts, no term
     * blocked by default, and a rate limiter of its own.
     *
     * @param positionNoticeFrom the queue position from which a waiting user is told where they are
     */
    public static ChatPipeline of(ChatModel model, InferenceQueue queue, ConversationMemory memory, AuditLog audit,
            ScopeLimits limits, int positionNoticeFrom, InstantSource clock) {
        return of(Moderation.standard(100_000, List.of()),
                new RateLimiter(clock, Ticker.systemTicker(), Duration.ofMinutes(10), 1_000_000),
                model, queue, memory, audit, limits, positionNoticeFrom, clock);
    }

    /** The pipeline on {@code moderation} and {@code rateLimiter}, which the caller may also use directly. */
    public static ChatPipeline of(Moderation moderation, RateLimiter rateLimiter, ChatModel model, InferenceQueue queue,
            ConversationMemory memory, AuditLog audit, ScopeLimits limits, int positionNoticeFrom, InstantSource clock) {
        GenerationSettings generation = new GenerationSettings(64, 0f, 1);
        Persona persona = new Persona("default", "You are Parley.", generation);
        CommandService commands = CommandService.builder().settings(moderation.settings())
                .policies(moderation.policies()).moderator(moderation.moderator())
                .memory(memory).audit(audit).clock(clock).queue(queue).build();
        return ChatPipeline.builder()
                .settings(new PipelineSettings(persona.systemPrompt(), generation, limits, 2000, positionNoticeFrom))
                .commands(commands)
                .policies(moderation.policies())
                .moderator(moderation.moderator())
                .rateLimiter(rateLimiter)
                .queue(queue)
                .model(model)
                .memory(memory)
                .audit(audit)
                .clock(clock)
                .personas(PersonaSelector.only(persona))
                .overrides(LimitOverrides.none())
                .build();
    }
}
