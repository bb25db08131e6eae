package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.access.AccessControl;
import dev.parley.core.access.AccessLists;
import dev.parley.core.access.InMemoryAccessListStore;
import dev.parley.core.access.InMemoryMuteStore;
import dev.parley.core.access.InMemoryStrikeStore;
import dev.parley.core.access.Mutes;
import dev.parley.core.access.ServedScopes;
import dev.parley.core.access.StrikePolicy;
import dev.parley.core.access.Strikes;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.command.CommandService;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.conversation.Platform;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.QueueSettings;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.regenerate.AnswerButtons;
import dev.parley.core.regenerate.RegenerableAnswers;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A press of <em>Regenerate</em> runs input moderation again: a question that the policy blocks
 * now (a term added since it was asked) is refused with the usual notice, but its author gets no
 * strike, since the strike was judged when the question was asked (#19).
 */
class RegenerateStrikesTest {

    private final FakeClock clock = new FakeClock();
    private final TextNormaliser normaliser = new TextNormaliser();
    private final Moderator moderator = new Moderator(normaliser);
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final ModerationPolicies policies = new ModerationPolicies(settings,
            new ModerationDefaults(List.of("bomb"), Set.of(Direction.INPUT, Direction.OUTPUT), "No.", "Stopped."),
            normaliser);
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final InMemoryStrikeStore strikes = new InMemoryStrikeStore();
    private final AccessControl access;
    private final ScriptedChatModel model = new ScriptedChatModel(100);
    private final ConversationMemory memory = new ConversationMemory(model,
            new MemoryLimits(100, Duration.ofMinutes(30), 20, 0), clock);
    private final InferenceQueue queue = new InferenceQueue(new QueueSettings(1, 10, 5, Duration.ofMinutes(5)), clock);
    private final RegenerableAnswers regenerable = new RegenerableAnswers(clock);
    private final ChatPipeline pipeline;
    private final AtomicInteger postedIds = new AtomicInteger();
    private RecordingReplySink lastSink;

    RegenerateStrikesTest() {
        Mutes mutes = new Mutes(new InMemoryMuteStore(), clock);
        access = new AccessControl(ServedScopes.ALL, new AccessLists(new InMemoryAccessListStore()), mutes,
                new Strikes(strikes, mutes, audit, clock, StrikePolicy.DEFAULT), clock,
                AccessControl.DEFAULT_NOTICE_EVERY);
        PipelineParts parts = new PipelineParts(clock, settings, policies, moderator, queue, model, memory, audit);
        CommandService commands = parts.commands().queue(queue).access(access).build();
        pipeline = parts.builder(new PipelineSettings("sys", new GenerationSettings(10, 0f, 1),
                        ScopeLimits.perUser(new RateLimit(100, 100)), 500, 100), commands)
                .access(access)
                .events(new PipelineEvents() {})
                .regenerable(regenerable)
                .build();
        regenerable.display(Platform.DISCORD, new AnswerButtons() {
            @Override
            public void offer(Location where, String messageId) {}

            @Override
            public void remove(Location where, List<String> messageIds) {}
        });
    }

    @AfterEach
    void close() {
        queue.close();
    }

    private RecordingReplySink sink() {
        lastSink = RecordingReplySink.shownIn("reply-" + postedIds.incrementAndGet());
        return lastSink;
    }

    private int strikesOfAlice() {
        return strikes.since(ScopeKey.of(GENERAL), ALICE.id(), Instant.EPOCH).size();
    }

    @Test
    void regenerate_ofAQuestionBlockedSinceItWasAsked_isRefusedWithoutAStrike() {
        model.replies("Sweet", " and sour.");
        assertThat(PipelineFixture.outcome(pipeline.handle(mention(ALICE, "is pineapple on pizza ok?"), sink())))
                .isInstanceOf(Outcome.Answered.class);
        assertThat(PipelineFixture.outcome(pipeline.handle(mention(ADMIN, "/moderation terms add block pineapple"),
                sink()))).isInstanceOf(Outcome.CommandAnswered.class);

        Regenerating press = pipeline.regenerate(GENERAL, "reply-1", ALICE.id(), question -> sink());

        assertThat(press.presserNote()).isEqualTo(Regenerating.NOT_NOW);
        assertThat(PipelineFixture.outcome(((Regenerating.Started) press).outcome()))
                .isInstanceOfSatisfying(Outcome.Blocked.class,
                        blocked -> assertThat(blocked.direction()).isEqualTo(Direction.INPUT));
        assertThat(lastSink.notices()).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(Notice.Kind.INPUT_BLOCKED);
            assertThat(notice.text()).endsWith(InputModeration.NO_STRIKE);
        });
        assertThat(strikesOfAlice()).isZero();
        assertThat(model.requests()).as("the question is not answered again").hasSize(1);
    }

    @Test
    void aNewMessageBlockedTheSameWay_stillCostsAStrike() {
        assertThat(PipelineFixture.outcome(pipeline.handle(mention(ADMIN, "/moderation terms add block pineapple"),
                sink()))).isInstanceOf(Outcome.CommandAnswered.class);

        assertThat(PipelineFixture.outcome(pipeline.handle(mention(ALICE, "pineapple again?"), sink())))
                .isInstanceOf(Outcome.Blocked.class);

        assertThat(lastSink.notices()).singleElement()
                .satisfies(notice -> assertThat(notice.text()).doesNotContain(InputModeration.NO_STRIKE));
        assertThat(strikesOfAlice()).isEqualTo(1);
    }
}
