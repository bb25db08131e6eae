package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.OTHER_GUILD;
import static dev.parley.core.testing.Messages.mention;
import static dev.parley.core.testing.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.moderation.Direction;
import dev.parley.core.ratelimit.RateLimit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An edit of a message whose answer is pending replaces that answer with one to the edited text. */
class EditedMessageTest {

    // two messages a minute, no refill within the test: a second charge for the edit would show
    private final PipelineFixture parley = new PipelineFixture(new RateLimit(1, 2));
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        parley.close();
    }

    private static InboundMessage edit(InboundMessage original, String text) {
        return new InboundMessage(original.messageId(), original.location(), original.author(), text,
                original.replyToMessageId(), original.mentionsBot(), original.directMessage(), original.sentAt(),
                original.conversationRoot());
    }

    /** Someone else's reply holds the model's only slot until {@link #release}. */
    private void holdTheModel() throws InterruptedException {
        parley.model.holdsUntil(held, release, "held");
        parley.pipeline.handle(message(OTHER_GUILD, ADMIN, "hold", true), new RecordingReplySink());
        assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anEditWhileTheAnswerWaitsIsAnsweredInsteadOfTheOriginal() throws InterruptedException {
        holdTheModel();
        InboundMessage question = mention(ALICE, "what is the capitol of France");
        RecordingReplySink sink = new RecordingReplySink();
        CompletableFuture<Outcome> original = parley.pipeline.handle(question, sink);

        CompletableFuture<Outcome> edited = parley.pipeline.messageEdited(
                edit(question, "what is the capital of France"), sink);
        parley.model.replies("Paris.");
        release.countDown();

        assertThat(PipelineFixture.outcome(original)).isEqualTo(new Outcome.Edited(false));
        assertThat(PipelineFixture.outcome(edited)).isEqualTo(new Outcome.Answered("Paris.", 0));
        assertThat(parley.model.requests()).hasSize(2).last()
                .satisfies(request -> assertThat(request.turns()).last()
                        .isEqualTo(ChatTurn.user("what is the capital of France")));
        assertThat(sink.completed()).containsExactly("Paris.");
        assertThat(sink.notices()).isEmpty();
    }

    @Test
    void anEditWhileTheAnswerRunsStopsItSilentlyAndAnswersTheEditedText() throws InterruptedException {
        CountDownLatch generating = new CountDownLatch(1);
        parley.model.blocksUntilClosed(generating, "Thinking about");
        InboundMessage question = mention(ALICE, "tell me a story");
        RecordingReplySink sink = new RecordingReplySink();
        CompletableFuture<Outcome> original = parley.pipeline.handle(question, sink);
        assertThat(generating.await(5, TimeUnit.SECONDS)).isTrue();
        parley.model.replies("A short one.");

        Outcome edited = PipelineFixture.outcome(parley.pipeline.messageEdited(edit(question, "tell me a short story"), sink));

        assertThat(PipelineFixture.outcome(original)).isEqualTo(new Outcome.Edited(true));
        assertThat(edited).isEqualTo(new Outcome.Answered("A short one.", 0));
        assertThat(sink.notices()).as("no 'Stopped.' for an answer an edit replaces").isEmpty();
        assertThat(sink.completed()).containsExactly("A short one.");
        assertThat(parley.model.allStreamsClosed()).isTrue();
        assertThat(parley.memory.turns(question.conversationKey()))
                .containsExactly(ChatTurn.user("tell me a short story"), ChatTurn.assistant("A short one."));
    }

    @Test
    void theEditIsNotChargedToTheRateLimitAgain() throws InterruptedException {
        holdTheModel();
        InboundMessage question = mention(ALICE, "first question");
        parley.pipeline.handle(question, new RecordingReplySink());
        parley.pipeline.messageEdited(edit(question, "first question, edited"), new RecordingReplySink());

        CompletableFuture<Outcome> second = parley.pipeline.handle(mention(ALICE, "second question"),
                new RecordingReplySink());
        Outcome third = PipelineFixture.outcome(parley.pipeline.handle(mention(ALICE, "third question"),
                new RecordingReplySink()));

        assertThat(second).isNotDone(); // queued behind the held reply: the burst of two allowed it
        assertThat(third).isInstanceOf(Outcome.RateLimited.class);
    }

    @Test
    void theEditedTextIsModeratedAgain() throws InterruptedException {
        holdTheModel();
        InboundMessage question = mention(ALICE, "how do I bake bread");
        RecordingReplySink sink = new RecordingReplySink();
        CompletableFuture<Outcome> original = parley.pipeline.handle(question, sink);

        Outcome edited = PipelineFixture.outcome(parley.pipeline.messageEdited(edit(question, "how do I bake a bomb"), sink));

        assertThat(edited).isInstanceOfSatisfying(Outcome.Blocked.class,
                blocked -> assertThat(blocked.direction()).isEqualTo(Direction.INPUT));
        assertThat(PipelineFixture.outcome(original)).isEqualTo(new Outcome.Edited(false));
        assertThat(sink.notices()).containsExactly(new Notice(Notice.Kind.INPUT_BLOCKED, "I can't help with that."));
        assertThat(parley.audit.recent(dev.parley.core.settings.ScopeKey.of(question.location()), 5))
                .extracting(dev.parley.core.audit.AuditEntry::action).containsExactly("moderation.block.input");
        release.countDown();
        assertThat(parley.queue.waiting()).isZero();
    }

    @Test
    void anEditOfAMessageAlreadyAnsweredIsIgnored() {
        parley.model.replies("Answered.");
        InboundMessage question = mention(ALICE, "hello");
        parley.answer(question, new RecordingReplySink());
        RecordingReplySink sink = new RecordingReplySink();

        Outcome edited = PipelineFixture.outcome(parley.pipeline.messageEdited(edit(question, "hello again"), sink));

        assertThat(edited).isEqualTo(new Outcome.Ignored("edit of a message with no answer pending"));
        assertThat(parley.model.requests()).hasSize(1);
        assertThat(sink.calls()).isEmpty();
    }

    @Test
    void anEditOfAMessageNeverAddressedToTheBotIsIgnored() {
        InboundMessage chatter = message(dev.parley.core.testing.Messages.GENERAL, ALICE, "just chatting", false);
        parley.answer(chatter, new RecordingReplySink());

        Outcome edited = PipelineFixture.outcome(parley.pipeline.messageEdited(edit(chatter, "still chatting"),
                new RecordingReplySink()));

        assertThat(edited).isInstanceOf(Outcome.Ignored.class);
        assertThat(parley.model.requests()).isEmpty();
    }
}
