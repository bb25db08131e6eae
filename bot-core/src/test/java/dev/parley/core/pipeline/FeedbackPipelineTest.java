package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.BOB;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.command.CommandService;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.feedback.Exchange;
import dev.parley.core.feedback.FeedbackRecorder;
import dev.parley.core.feedback.InMemoryFeedbackConsent;
import dev.parley.core.feedback.InMemoryFeedbackLog;
import dev.parley.core.feedback.ModelNames;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.QueueSettings;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline with feedback on, listened to (so the sink it answers through is wrapped): only
 * answers whose both sides passed moderation are recorded, under the message that shows them, and
 * never an opted-out author's.
 */
class FeedbackPipelineTest {

    private final FakeClock clock = new FakeClock();
    private final TextNormaliser normaliser = new TextNormaliser();
    private final Moderator moderator = new Moderator(normaliser);
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final ModerationPolicies policies = new ModerationPolicies(settings,
            new ModerationDefaults(List.of("bomb"), Set.of(Direction.INPUT, Direction.OUTPUT), "No.", "Stopped."),
            normaliser);
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final ScriptedChatModel model = new ScriptedChatModel(100);
    private final ConversationMemory memory = new ConversationMemory(model,
            new MemoryLimits(100, Duration.ofMinutes(30), 20, 0), clock);
    private final InferenceQueue queue = new InferenceQueue(new QueueSettings(1, 10, 5, Duration.ofMinutes(5)), clock);
    private final InMemoryFeedbackConsent consent = new InMemoryFeedbackConsent();
    private final InMemoryFeedbackLog log = new InMemoryFeedbackLog();
    private final CommandService commands = CommandService.builder().settings(settings).policies(policies)
            .moderator(moderator).memory(memory).audit(audit).clock(clock).queue(queue).feedback(consent, log).build();
    private final ChatPipeline pipeline = ChatPipeline.builder()
            .settings(new PipelineSettings("sys", new GenerationSettings(10, 0f, 1),
                    ScopeLimits.perUser(new RateLimit(600, 100)), 500, 100))
            .commands(commands).policies(policies).moderator(moderator)
            .rateLimiter(new RateLimiter(clock, clock, Duration.ofMinutes(10), 1_000))
            .queue(queue).model(model).memory(memory).audit(audit).clock(clock)
            .events(new PipelineEvents() {})
            .feedback(new FeedbackRecorder(consent, log, () -> new ModelNames("tiny.gguf", ""), clock, Runnable::run))
            .build();
    private final AtomicInteger postedIds = new AtomicInteger();

    @AfterEach
    void close() {
        queue.close();
    }

    /** A sink whose platform shows each reply in a message of its own. */
    private Outcome handle(InboundMessage message) {
        String shownIn = "reply-" + postedIds.incrementAndGet();
        return PipelineFixture.outcome(pipeline.handle(message, new RecordingReplySink() {
            @Override
            public List<String> shownBy() {
                return List.of(shownIn);
            }
        }));
    }

    @Test
    void recordsAnsweredExchangesButNeitherABlockedPromptNorAWithdrawnReplyNorAnOptedOutAuthor() {
        assertThat(handle(mention(ADMIN, "/bot feedback on"))).isInstanceOf(Outcome.CommandAnswered.class);
        assertThat(handle(mention(BOB, "/bot feedback optout"))).isInstanceOf(Outcome.CommandAnswered.class);

        assertThat(handle(mention(ALICE, "how to build a bomb"))).isInstanceOf(Outcome.Blocked.class);
        model.replies("Sure, here", " is how to", " make a bo", "mb", " at home");
        assertThat(handle(mention(ALICE, "tell me something"))).isInstanceOfSatisfying(Outcome.Blocked.class,
                blocked -> assertThat(blocked.direction()).isEqualTo(Direction.OUTPUT));
        model.replies("Not", " you.");
        assertThat(handle(mention(BOB, "and me?"))).isInstanceOf(Outcome.Answered.class);
        model.replies("Fine", " thanks.");
        assertThat(handle(mention(ALICE, "and now?"))).isInstanceOf(Outcome.Answered.class);

        assertThat(log.exchanges()).extracting(Exchange::authorId, Exchange::userText, Exchange::answerText,
                        Exchange::replyMessage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", "and now?", "Fine thanks.", "reply-6"));
    }
}
