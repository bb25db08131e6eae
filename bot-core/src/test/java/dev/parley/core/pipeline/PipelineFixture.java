package dev.parley.core.pipeline;

import dev.parley.core.access.AccessControl;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.command.CommandService;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.QueueSettings;
import dev.parley.core.quota.Quotas;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A whole pipeline of real parts around a {@link ScriptedChatModel} with one slot: a fake clock,
 * in-memory settings, "bomb" blocked both ways, a queue of ten with no deadline pressure. Tests
 * close it when done.
 */
final class PipelineFixture implements AutoCloseable {

    final FakeClock clock = new FakeClock();
    final TextNormaliser normaliser = new TextNormaliser();
    final Moderator moderator = new Moderator(normaliser);
    final InMemorySettingsStore settings = new InMemorySettingsStore();
    final ModerationPolicies policies = new ModerationPolicies(settings,
            new ModerationDefaults(List.of("bomb"), Set.of(Direction.INPUT, Direction.OUTPUT),
                    "I can't help with that.", "I had to stop that answer."),
            normaliser);
    final InMemoryAuditLog audit = new InMemoryAuditLog();
    final ScriptedChatModel model = new ScriptedChatModel(100);
    final ConversationMemory memory = new ConversationMemory(model,
            new MemoryLimits(100, Duration.ofMinutes(30), 20, 0), clock);
    final InferenceQueue queue = new InferenceQueue(new QueueSettings(1, 10, 5, Duration.ofMinutes(5)), clock);
    final AccessControl access = AccessControl.inMemory(audit, clock);
    final PipelineParts parts = new PipelineParts(clock, settings, policies, moderator, queue, model, memory, audit);
    final CommandService commands = parts.commands().queue(queue).access(access).build();
    final ChatPipeline pipeline;

    PipelineFixture(RateLimit userLimit) {
        this(userLimit, new InMemoryAcceptedQuestions());
    }

    /** A fixture that keeps accepted questions in {@code questions}, as a process restarted on the same database. */
    PipelineFixture(AcceptedQuestions questions) {
        this(new RateLimit(600, 100), questions);
    }

    /** A fixture whose questions are checked against and charged to {@code quotas}. */
    PipelineFixture(Quotas quotas) {
        this(new RateLimit(600, 100), new InMemoryAcceptedQuestions(), quotas);
    }

    private PipelineFixture(RateLimit userLimit, AcceptedQuestions questions) {
        this(userLimit, questions, null);
    }

    private PipelineFixture(RateLimit userLimit, AcceptedQuestions questions, @Nullable Quotas quotas) {
        var builder = parts.builder(new PipelineSettings("sys", new GenerationSettings(10, 0f, 1),
                ScopeLimits.perUser(userLimit), 500, 100), commands);
        if (quotas != null) {
            builder.quotas(quotas);
        }
        pipeline = builder.questions(questions).access(access).build();
    }

    PipelineFixture() {
        this(new RateLimit(600, 100));
    }

    /** Handles {@code message} and waits for its outcome. */
    Outcome answer(InboundMessage message, ReplySink sink) {
        return outcome(pipeline.handle(message, sink));
    }

    static Outcome outcome(CompletableFuture<Outcome> future) {
        try {
            return future.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the pipeline did not answer", e);
        }
    }

    @Override
    public void close() {
        queue.close();
    }
}
