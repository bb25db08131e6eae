package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.feedback.Exchange;
import dev.parley.core.feedback.InMemoryFeedbackLog;
import dev.parley.core.moderation.Direction;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.regenerate.AnswerButtons;
import dev.parley.core.settings.ScopeKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regenerate through the whole pipeline: a press by the asker answers the same prompt again with
 * the conversation as it was, the new answer replaces the old (button moved, old deleted,
 * memory and feedback updated), and the press passes the same checks as a message.
 */
class RegeneratePipelineTest {

    private final RecordingPipelineFixture fixture = new RecordingPipelineFixture(new RateLimit(1, 4));
    private final ScriptedChatModel model = fixture.model;
    private final ConversationMemory memory = fixture.memory;
    private final InMemoryFeedbackLog log = fixture.log;
    private final ChatPipeline pipeline = fixture.pipeline;
    private final List<String> offered = new CopyOnWriteArrayList<>();
    private final List<String> removed = new CopyOnWriteArrayList<>();
    private RecordingReplySink lastSink;

    RegeneratePipelineTest() {
        fixture.regenerable.display(Platform.DISCORD, new AnswerButtons() {
            @Override
            public void offer(Location where, String messageId) {
                offered.add(messageId);
            }

            @Override
            public void remove(Location where, List<String> messageIds) {
                removed.addAll(messageIds);
            }
        });
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /** A sink whose platform shows each reply in a message of its own, "reply-N". */
    private RecordingReplySink sink() {
        lastSink = fixture.sink();
        return lastSink;
    }

    private Outcome handle(InboundMessage message) {
        return PipelineFixture.outcome(pipeline.handle(message, sink()));
    }

    private Regenerating press(String messageId, String presser) {
        return pipeline.regenerate(GENERAL, messageId, presser, question -> sink());
    }

    private static Outcome outcome(Regenerating regenerating) {
        assertThat(regenerating).isInstanceOf(Regenerating.Started.class);
        return PipelineFixture.outcome(((Regenerating.Started) regenerating).outcome());
    }

    @Test
    void regenerate_byTheAsker_answersTheSamePromptAgainAndReplacesTheAnswer() {
        model.replies("Paris", " is nice.");
        assertThat(handle(mention(ALICE, "a city?"))).isInstanceOf(Outcome.Answered.class);
        model.replies("Lisbon", " is nice.");
        assertThat(handle(mention(ALICE, "another?"))).isInstanceOf(Outcome.Answered.class);
        assertThat(offered).containsExactly("reply-1", "reply-2");

        model.replies("Porto", " too.");
        assertThat(outcome(press("reply-2", "alice"))).isInstanceOf(Outcome.Answered.class);

        List<ChatTurn> regeneratedPrompt = model.requests().getLast().turns();
        assertThat(regeneratedPrompt).extracting(ChatTurn::text)
                .as("the conversation as it was when the replaced answer was given")
                .containsExactly("sys", "a city?", "Paris is nice.", "another?");
        assertThat(lastSink.completed()).containsExactly("Porto too.");
        assertThat(offered).containsExactly("reply-1", "reply-2", "reply-3");
        assertThat(removed).containsExactly("reply-2");
        assertThat(memory.turns(mention(ALICE, "x").conversationKey())).extracting(ChatTurn::text)
                .containsExactly("a city?", "Paris is nice.", "another?", "Porto too.");
        assertThat(press("reply-2", "alice")).as("the replaced answer is gone")
                .isInstanceOf(Regenerating.Refused.class);
    }

    @Test
    void regenerate_whereFeedbackIsOn_recordsTheNewExchangeAsReplacingTheOld() {
        assertThat(handle(mention(ADMIN, "/bot feedback on"))).isInstanceOf(Outcome.CommandAnswered.class);
        model.replies("One", " answer.");
        handle(mention(ALICE, "say something"));
        model.replies("Another", " answer.");
        outcome(press("reply-2", "alice"));
        model.replies("A third", " answer.");
        outcome(press("reply-3", "alice"));

        List<Exchange> exchanges = log.exchanges();
        assertThat(exchanges).extracting(Exchange::answerText, Exchange::replyMessage)
                .containsExactly(tuple("One answer.", "reply-2"),
                        tuple("Another answer.", "reply-3"),
                        tuple("A third answer.", "reply-4"));
        long first = log.exchangeShownBy(ScopeKey.of(GENERAL), "general", "reply-2")
                .orElseThrow();
        long second = log.exchangeShownBy(ScopeKey.of(GENERAL), "general", "reply-3")
                .orElseThrow();
        assertThat(exchanges.get(0).replacesId()).isNull();
        assertThat(exchanges.get(1).replacesId()).isEqualTo(first);
        assertThat(exchanges.get(2).replacesId()).as("a chain links each to the one before").isEqualTo(second);
    }

    @Test
    void regenerate_whereFeedbackIsOff_recordsNothing() {
        model.replies("One", " answer.");
        handle(mention(ALICE, "say something"));
        model.replies("Another", " answer.");
        assertThat(outcome(press("reply-1", "alice"))).isInstanceOf(Outcome.Answered.class);
        assertThat(log.exchanges()).isEmpty();
    }

    @Test
    void regenerate_bySomeoneElse_isRefusedAndAnswersNothing() {
        model.replies("One", " answer.");
        handle(mention(ALICE, "say something"));

        assertThat(press("reply-1", "bob")).isEqualTo(new Regenerating.Refused(
                "Only the person who asked can regenerate this answer."));
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void regenerate_blockedByOutputModeration_isWithheldAndKeepsTheOldAnswer() {
        model.replies("A", " cake.");
        handle(mention(ALICE, "what to bake?"));
        model.replies("A bo", "mb cake.");

        assertThat(outcome(press("reply-1", "alice"))).isInstanceOfSatisfying(Outcome.Blocked.class,
                blocked -> assertThat(blocked.direction()).isEqualTo(Direction.OUTPUT));
        assertThat(lastSink.withdrawals()).extracting(Notice::kind).containsExactly(Notice.Kind.OUTPUT_BLOCKED);
        assertThat(removed).isEmpty();
        model.replies("A", " pie.");
        assertThat(outcome(press("reply-1", "alice"))).as("the old answer can be pressed again")
                .isInstanceOf(Outcome.Answered.class);
    }

    @Test
    void regenerate_overTheRateLimit_isRefusedWithTheUsualNotice() {
        model.replies("One.");
        handle(mention(ALICE, "q1"));
        model.replies("Two.");
        outcome(press("reply-1", "alice"));
        model.replies("Three.");
        outcome(press("reply-2", "alice"));
        model.replies("Four.");
        outcome(press("reply-3", "alice"));

        Regenerating refused = press("reply-4", "alice");
        assertThat(refused.presserNote()).isEqualTo(Regenerating.NOT_NOW);
        assertThat(outcome(refused)).isInstanceOf(Outcome.RateLimited.class);
        assertThat(lastSink.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.RATE_LIMITED);
        assertThat(removed).containsExactly("reply-1", "reply-2", "reply-3");
    }

    @Test
    void regenerate_pressedAgainWhileRunning_isRefused() throws Exception {
        model.replies("One.");
        handle(mention(ALICE, "q1"));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        model.holdsUntil(started, release, "Two.");
        Regenerating first = press("reply-1", "alice");
        assertThat(first.presserNote()).isEqualTo(Regenerating.COMING);
        started.await();

        assertThat(press("reply-1", "alice")).isEqualTo(new Regenerating.Refused(
                "I am already writing another answer to this; please wait for it."));
        release.countDown();
        assertThat(outcome(first)).isInstanceOf(Outcome.Answered.class);
        assertThat(model.requests()).hasSize(2);
    }
}
