package dev.parley.core.pipeline;

import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.command.CommandService;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.feedback.FeedbackRecorder;
import dev.parley.core.feedback.InMemoryFeedbackConsent;
import dev.parley.core.feedback.InMemoryFeedbackLog;
import dev.parley.core.feedback.ModelNames;
import dev.parley.core.history.ConversationHistory;
import dev.parley.core.history.InMemoryConversationArchive;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.QueueSettings;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.regenerate.RegenerableAnswers;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A whole pipeline of real parts with every record a scope opts into wired in: feedback (consent,
 * log, recorder), conversation history, regenerable answers, and a listener on its events (so the
 * sink it answers through is wrapped, as in the application). Each stays off until a test turns it
 * on with its command ({@code /bot feedback on}, {@code /bot history on}) or, for the Regenerate
 * button, registers a display. Around a {@link ScriptedChatModel} with one slot, a fake clock,
 * "bomb" blocked both ways. Tests close it when done.
 */
final class RecordingPipelineFixture implements AutoCloseable {

    final FakeClock clock = new FakeClock();
    final TextNormaliser normaliser = new TextNormaliser();
    final Moderator moderator = new Moderator(normaliser);
    final InMemorySettingsStore settings = new InMemorySettingsStore();
    final ModerationPolicies policies = new ModerationPolicies(settings,
            new ModerationDefaults(List.of("bomb"), Set.of(Direction.INPUT, Direction.OUTPUT), "No.", "Stopped."),
            normaliser);
    final InMemoryAuditLog audit = new InMemoryAuditLog();
    final ScriptedChatModel model = new ScriptedChatModel(100);
    final InMemoryConversationArchive archive = new InMemoryConversationArchive();
    final ConversationHistory history = new ConversationHistory(archive, Duration.ofDays(30), clock);
    final ConversationMemory memory = new ConversationMemory(model,
            new MemoryLimits(100, Duration.ofMinutes(30), 20, 0), clock, history);
    final InferenceQueue queue = new InferenceQueue(new QueueSettings(1, 10, 5, Duration.ofMinutes(5)), clock);
    final InMemoryFeedbackConsent consent = new InMemoryFeedbackConsent();
    final InMemoryFeedbackLog log = new InMemoryFeedbackLog();
    final RegenerableAnswers regenerable = new RegenerableAnswers(clock);
    final PipelineParts parts = new PipelineParts(clock, settings, policies, moderator, queue, model, memory, audit);
    final CommandService commands = parts.commands().queue(queue).feedback(consent, log).history(history).build();
    final ChatPipeline pipeline;
    private final AtomicInteger postedIds = new AtomicInteger();
    private RecordingReplySink lastSink = new RecordingReplySink();

    /** A fixture whose users may each send as {@code userLimit} allows. */
    RecordingPipelineFixture(RateLimit userLimit) {
        pipeline = parts.builder(new PipelineSettings("sys", new GenerationSettings(10, 0f, 1),
                        ScopeLimits.perUser(userLimit), 500, 100), commands)
                .events(new PipelineEvents() {})
                .feedback(new FeedbackRecorder(consent, log, () -> new ModelNames("tiny.gguf", ""), clock,
                        Runnable::run))
                .regenerable(regenerable)
                .build();
    }

    /** A fixture with a user limit no test meets. */
    RecordingPipelineFixture() {
        this(new RateLimit(600, 100));
    }

    /** A sink whose platform shows each reply in a message of its own: "reply-1", "reply-2"... */
    RecordingReplySink sink() {
        lastSink = RecordingReplySink.shownIn("reply-" + postedIds.incrementAndGet());
        return lastSink;
    }

    /** The sink {@link #sink()} made last. */
    RecordingReplySink lastSink() {
        return lastSink;
    }

    /** Handles {@code message} through a new {@link #sink()} and waits for its outcome. */
    Outcome handle(InboundMessage message) {
        return PipelineFixture.outcome(pipeline.handle(message, sink()));
    }

    @Override
    public void close() {
        queue.close();
    }
}
