package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.BOB;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.OTHER_GUILD;
import static dev.parley.core.testing.Messages.mention;
import static dev.parley.core.testing.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.command.CommandService;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.persona.Persona;
import dev.parley.core.persona.PersonaSelector;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.QueueSettings;
import dev.parley.core.ratelimit.LimitLevel;
import dev.parley.core.ratelimit.LimitOverride;
import dev.parley.core.ratelimit.LimitOverrides;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pipeline in front of a busy model: limits per level, places in line, deadlines and /stop. */
class QueueingPipelineTest {

    private static final Duration MAX_WAIT = Duration.ofMinutes(2);
    private static final RateLimit GENEROUS = new RateLimit(600, 100);
    private static final Author CAROL = new Author("carol", "Carol", Set.of(), false, false);
    private static final Author DAVE = new Author("dave", "Dave", Set.of(), false, false);

    private final FakeClock clock = new FakeClock();
    private final TextNormaliser normaliser = new TextNormaliser();
    private final Moderator moderator = new Moderator(normaliser);
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final ModerationPolicies policies = new ModerationPolicies(settings,
            new ModerationDefaults(List.of(), Set.of(Direction.INPUT, Direction.OUTPUT), "in", "out"), normaliser);
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final ScriptedChatModel model = new ScriptedChatModel(100);
    private final ConversationMemory memory = new ConversationMemory(model,
            new MemoryLimits(100, Duration.ofMinutes(30), 20, 0), clock);
    private final InferenceQueue queue = new InferenceQueue(new QueueSettings(1, 10, 2, MAX_WAIT), clock);
    private final PipelineParts parts = new PipelineParts(clock, settings, policies, moderator, queue, model, memory,
            audit);
    private final CommandService commands = parts.commands().queue(queue).build();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void closeQueue() {
        release.countDown();
        queue.close();
    }

    private ChatPipeline pipeline(ScopeLimits limits, LimitOverrides overrides) {
        return parts.builder(new PipelineSettings("sys", new GenerationSettings(10, 0f, 1), limits, 500, 2), commands)
                .personas(PersonaSelector.only(new Persona("p", "sys", new GenerationSettings(10, 0f, 1))))
                .overrides(overrides)
                .build();
    }

    private ChatPipeline pipeline() {
        return pipeline(ScopeLimits.perUser(GENEROUS), LimitOverrides.none());
    }

    private static Outcome outcome(CompletableFuture<Outcome> future) {
        try {
            return future.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the pipeline did not answer", e);
        }
    }

    /** Starts a request from the admin that holds the model's only slot until {@link #release}. */
    private CompletableFuture<Outcome> holdTheModel(ChatPipeline pipeline) throws InterruptedException {
        model.holdsUntil(started, release, "held", " answer");
        CompletableFuture<Outcome> held = pipeline.handle(message(OTHER_GUILD, ADMIN, "hold", true),
                new RecordingReplySink());
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        return held;
    }

    @Test
    void tellsAUserTheirPlaceInLineOnceWhenTheWaitIsLong() throws Exception {
        ChatPipeline pipeline = pipeline();
        holdTheModel(pipeline);
        pipeline.handle(mention(ALICE, "one"), new RecordingReplySink());
        pipeline.handle(mention(BOB, "two"), new RecordingReplySink());
        RecordingReplySink carol = new RecordingReplySink();

        CompletableFuture<Outcome> third = pipeline.handle(mention(CAROL, "three"), carol);

        assertThat(carol.notices()).containsExactly(new Notice(Notice.Kind.QUEUED,
                "You are 3rd in line; I will answer as soon as it is your turn."));
        assertThat(third).isNotDone();
    }

    @Test
    void saysNothingAboutTheLineWhenFewWaitAhead() throws Exception {
        ChatPipeline pipeline = pipeline();
        holdTheModel(pipeline);
        RecordingReplySink alice = new RecordingReplySink();

        pipeline.handle(mention(ALICE, "one"), alice);

        assertThat(alice.notices()).isEmpty();
    }

    @Test
    void refusesAUsersThirdWaitingQuestionWithABusyNotice() throws Exception {
        ChatPipeline pipeline = pipeline();
        holdTheModel(pipeline);
        pipeline.handle(mention(ALICE, "one"), new RecordingReplySink());
        pipeline.handle(mention(ALICE, "two"), new RecordingReplySink());
        RecordingReplySink sink = new RecordingReplySink();

        Outcome third = outcome(pipeline.handle(mention(ALICE, "three"), sink));

        assertThat(third).isEqualTo(new Outcome.TooManyWaiting(2));
        assertThat(sink.notices()).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(Notice.Kind.BUSY);
            assertThat(notice.text()).contains("2 questions waiting");
        });
        assertThat(pipeline.rejected(Rejection.TOO_MANY_WAITING)).isEqualTo(1);
    }

    @Test
    void tellsTheUserWhenTheirQuestionWaitedTooLongAndNeverAsksTheModel() throws Exception {
        ChatPipeline pipeline = pipeline();
        CompletableFuture<Outcome> held = holdTheModel(pipeline);
        RecordingReplySink sink = new RecordingReplySink();
        CompletableFuture<Outcome> waiting = pipeline.handle(mention(ALICE, "one"), sink);

        clock.advance(MAX_WAIT);
        queue.expireOverdue();

        assertThat(outcome(waiting)).isEqualTo(new Outcome.Expired(MAX_WAIT));
        assertThat(sink.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.EXPIRED);
        release.countDown();
        assertThat(outcome(held)).isInstanceOf(Outcome.Answered.class);
        assertThat(model.requests()).as("only the held request reached the model").hasSize(1);
        assertThat(pipeline.rejected(Rejection.EXPIRED)).isEqualTo(1);
    }

    @Test
    void stopTakesTheAuthorsWaitingQuestionOutOfTheQueue() throws Exception {
        ChatPipeline pipeline = pipeline();
        CompletableFuture<Outcome> held = holdTheModel(pipeline);
        CompletableFuture<Outcome> waiting = pipeline.handle(mention(ALICE, "one"), new RecordingReplySink());
        RecordingReplySink stopSink = new RecordingReplySink();

        Outcome stop = outcome(pipeline.handle(mention(ALICE, "/stop"), stopSink));

        assertThat(stop).isEqualTo(new Outcome.CommandAnswered("Your question was taken out of the queue."));
        assertThat(outcome(waiting)).isEqualTo(new Outcome.Stopped(false));
        assertThat(queue.waiting()).isZero();
        release.countDown();
        outcome(held);
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void stopLeavesOtherPeoplesQuestionsAlone() throws Exception {
        ChatPipeline pipeline = pipeline();
        holdTheModel(pipeline);
        CompletableFuture<Outcome> bobs = pipeline.handle(mention(BOB, "one"), new RecordingReplySink());

        Outcome stop = outcome(pipeline.handle(mention(ALICE, "/stop"), new RecordingReplySink()));

        assertThat(stop).isEqualTo(new Outcome.CommandAnswered("You have no question waiting or being answered here."));
        assertThat(bobs).isNotDone();
        assertThat(queue.waiting()).isEqualTo(1);
    }

    @Test
    void stopEndsTheAuthorsRunningReplyAndClosesItsStream() throws Exception {
        ChatPipeline pipeline = pipeline();
        model.holdsUntil(started, release, "Once", " upon", " a", " time");
        RecordingReplySink sink = new RecordingReplySink();
        CompletableFuture<Outcome> running = pipeline.handle(mention(ALICE, "a story"), sink);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        Outcome stop = outcome(pipeline.handle(mention(ALICE, "/stop"), new RecordingReplySink()));
        release.countDown();

        assertThat(stop).isEqualTo(new Outcome.CommandAnswered("Stopped."));
        assertThat(outcome(running)).isEqualTo(new Outcome.Stopped(true));
        assertThat(sink.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.STOPPED);
        assertThat(sink.completed()).isEmpty();
        assertThat(model.piecesTaken()).containsExactly(1);
        assertThat(model.allStreamsClosed()).isTrue();
    }

    @Test
    void aDeletedMessagesQuestionLeavesTheQueueWithoutUsingASlot() throws Exception {
        ChatPipeline pipeline = pipeline();
        CompletableFuture<Outcome> held = holdTheModel(pipeline);
        InboundMessage message = mention(ALICE, "never mind");
        CompletableFuture<Outcome> waiting = pipeline.handle(message, new RecordingReplySink());

        pipeline.messageDeleted(message.messageId());

        assertThat(outcome(waiting)).isEqualTo(new Outcome.Stopped(false));
        release.countDown();
        outcome(held);
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void aChannelLimitRefusesEveryoneInTheChannelAndTellsEachOnce() {
        ChatPipeline pipeline = pipeline(new ScopeLimits(GENEROUS, new RateLimit(2, 2), null), LimitOverrides.none());
        model.replies("a").replies("b");
        outcome(pipeline.handle(mention(ALICE, "one"), new RecordingReplySink()));
        outcome(pipeline.handle(mention(BOB, "two"), new RecordingReplySink()));
        RecordingReplySink carol = new RecordingReplySink();
        RecordingReplySink dave = new RecordingReplySink();

        Outcome refused = outcome(pipeline.handle(mention(CAROL, "three"), carol));
        outcome(pipeline.handle(mention(CAROL, "four"), carol));
        outcome(pipeline.handle(mention(DAVE, "five"), dave));

        assertThat(refused).isEqualTo(new Outcome.RateLimited(Duration.ofSeconds(30), LimitLevel.CHANNEL));
        assertThat(carol.notices()).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(Notice.Kind.RATE_LIMITED);
            assertThat(notice.text()).isEqualTo("This channel is asking me too much at once; you can ask again in 30 s.");
        });
        assertThat(dave.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.RATE_LIMITED);
        assertThat(pipeline.rejected(Rejection.RATE_LIMITED_CHANNEL)).isEqualTo(3);
    }

    @Test
    void aServerLimitCoversAllItsChannelsButNotOtherServers() {
        ChatPipeline pipeline = pipeline(new ScopeLimits(GENEROUS, GENEROUS, new RateLimit(1, 1)), LimitOverrides.none());
        model.replies("a").replies("b");
        Location otherChannel = new Location(GENERAL.platform(), GENERAL.scopeId(), "random", null);
        outcome(pipeline.handle(mention(ALICE, "one"), new RecordingReplySink()));

        Outcome sameServer = outcome(pipeline.handle(message(otherChannel, BOB, "two", true), new RecordingReplySink()));
        Outcome otherServer = outcome(pipeline.handle(message(OTHER_GUILD, BOB, "three", true), new RecordingReplySink()));

        assertThat(sameServer).isEqualTo(new Outcome.RateLimited(Duration.ofMinutes(1), LimitLevel.SERVER));
        assertThat(otherServer).isInstanceOf(Outcome.Answered.class);
    }

    @Test
    void aScopesOverrideReplacesTheConfiguredLimitThereOnly() {
        ScopeKey strict = ScopeKey.of(GENERAL);
        LimitOverrides overrides = scope -> scope.equals(strict)
                ? new LimitOverride(new RateLimit(1, 1), null, null) : LimitOverride.NONE;
        ChatPipeline pipeline = pipeline(ScopeLimits.perUser(GENEROUS), overrides);
        model.replies("a").replies("b");

        outcome(pipeline.handle(mention(ALICE, "one"), new RecordingReplySink()));
        Outcome limitedHere = outcome(pipeline.handle(mention(ALICE, "two"), new RecordingReplySink()));
        Outcome elsewhere = outcome(pipeline.handle(message(OTHER_GUILD, ALICE, "three", true), new RecordingReplySink()));

        assertThat(limitedHere).isEqualTo(new Outcome.RateLimited(Duration.ofMinutes(1), LimitLevel.USER));
        assertThat(elsewhere).isInstanceOf(Outcome.Answered.class);
    }
}
