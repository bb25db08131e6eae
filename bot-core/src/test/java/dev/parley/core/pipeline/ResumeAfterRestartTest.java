package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.BOB;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Platform;
import dev.parley.core.model.ChatRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Questions accepted into the queue are kept until they are finished, so that a process killed
 * in between takes them again when it starts: two pipelines on one store stand for the process
 * before and after the kill.
 */
class ResumeAfterRestartTest {

    private static final Duration MAX_AGE = Duration.ofHours(1);

    private final InMemoryAcceptedQuestions store = new InMemoryAcceptedQuestions();
    private final PipelineFixture before = new PipelineFixture(store);
    private final PipelineFixture after = new PipelineFixture(store);
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, RecordingReplySink> sinks = new LinkedHashMap<>();

    @AfterEach
    void close() {
        release.countDown();
        before.close();
        after.close();
    }

    /** Makes the model of the process "before" busy with a question of Bob's until {@link #release}. */
    private InboundMessage holdTheModel() throws InterruptedException {
        before.model.holdsUntil(started, release, "late");
        InboundMessage held = mention(BOB, "hold on");
        before.pipeline.handle(held, new RecordingReplySink());
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        return held;
    }

    private RecordingReplySink sinkFor(InboundMessage message) {
        return sinks.computeIfAbsent(message.messageId(), id -> new RecordingReplySink());
    }

    private List<String> pendingIds() {
        return store.pending(Platform.DISCORD).stream().map(q -> q.message().messageId()).toList();
    }

    @Test
    void aQuestionIsKeptFromItsAcceptanceUntilItIsAnswered() throws Exception {
        InboundMessage held = holdTheModel();
        InboundMessage waiting = mention(ALICE, "what is tea");
        before.model.replies("A drink.");

        CompletableFuture<Outcome> answer = before.pipeline.handle(waiting, new RecordingReplySink());

        assertThat(pendingIds()).containsExactly(held.messageId(), waiting.messageId());
        assertThat(store.pending(Platform.DISCORD).get(1).message()).isEqualTo(waiting);
        release.countDown();
        assertThat(PipelineFixture.outcome(answer)).isEqualTo(new Outcome.Answered("A drink.", 0));
        assertThat(pendingIds()).isEmpty();
    }

    @Test
    void refusedAndWithdrawnQuestionsAreNotKept() throws Exception {
        InboundMessage held = holdTheModel();
        RecordingReplySink sink = new RecordingReplySink();

        assertThat(before.answer(mention(ALICE, "how to make a bomb"), sink)).isInstanceOf(Outcome.Blocked.class);
        InboundMessage deleted = mention(ALICE, "never mind");
        CompletableFuture<Outcome> withdrawn = before.pipeline.handle(deleted, sink);
        before.pipeline.messageDeleted(deleted.location(), deleted.messageId());

        assertThat(PipelineFixture.outcome(withdrawn)).isEqualTo(new Outcome.Stopped(false));
        assertThat(pendingIds()).containsExactly(held.messageId());
    }

    @Test
    void aRestartAnswersEachPendingQuestionOnceInTheOrderItWasAccepted() throws Exception {
        InboundMessage held = holdTheModel();
        InboundMessage first = mention(ALICE, "first question");
        InboundMessage second = mention(BOB, "second question");
        before.pipeline.handle(first, new RecordingReplySink());
        before.pipeline.handle(second, new RecordingReplySink());
        // the process "before" is killed here: nothing of it runs any more, the store remains
        after.model.replies("One.").replies("Two.").replies("Three.");

        List<CompletableFuture<Outcome>> answers = after.pipeline.resume(Platform.DISCORD, MAX_AGE, this::sinkFor);

        List<Outcome> outcomes = new ArrayList<>();
        answers.forEach(answer -> outcomes.add(PipelineFixture.outcome(answer)));
        assertThat(outcomes).containsExactly(new Outcome.Answered("One.", 0), new Outcome.Answered("Two.", 0),
                new Outcome.Answered("Three.", 0));
        assertThat(after.model.requests()).extracting(ResumeAfterRestartTest::question)
                .containsExactly("hold on", "first question", "second question");
        assertThat(sinks.keySet()).containsExactly(held.messageId(), first.messageId(), second.messageId());
        assertThat(sinks.values()).allSatisfy(sink -> assertThat(sink.completed()).hasSize(1));
        assertThat(pendingIds()).isEmpty();
    }

    @Test
    void aQuestionOlderThanTheBoundIsDroppedUnanswered() {
        store.accepted(new AcceptedQuestion("q1", mention(ALICE, "stale"), before.clock.instant()));
        after.clock.advance(MAX_AGE.plusSeconds(1));

        assertThat(after.pipeline.resume(Platform.DISCORD, MAX_AGE, this::sinkFor)).isEmpty();

        assertThat(after.model.requests()).isEmpty();
        assertThat(sinks).isEmpty();
        assertThat(pendingIds()).isEmpty();
    }

    @Test
    void aQuestionTakenAgainAndThenDeliveredAgainIsAnsweredOnce() {
        InboundMessage message = mention(ALICE, "hello");
        store.accepted(new AcceptedQuestion("q1", message, before.clock.instant()));
        after.model.replies("Hi.");

        List<CompletableFuture<Outcome>> answers = after.pipeline.resume(Platform.DISCORD, MAX_AGE, this::sinkFor);
        Outcome redelivered = after.answer(message, new RecordingReplySink());

        assertThat(answers).hasSize(1);
        assertThat(PipelineFixture.outcome(answers.getFirst())).isEqualTo(new Outcome.Answered("Hi.", 0));
        assertThat(redelivered).isEqualTo(new Outcome.Ignored("duplicate"));
        assertThat(after.model.requests()).hasSize(1);
    }

    @Test
    void aQuestionDeliveredAgainBeforeItIsTakenAgainIsLeftToThatDelivery() {
        InboundMessage message = mention(ALICE, "hello");
        store.accepted(new AcceptedQuestion("q1", message, before.clock.instant()));
        after.model.replies("Hi.");

        assertThat(after.answer(message, new RecordingReplySink())).isEqualTo(new Outcome.Answered("Hi.", 0));
        assertThat(after.pipeline.resume(Platform.DISCORD, MAX_AGE, this::sinkFor)).isEmpty();

        assertThat(after.model.requests()).hasSize(1);
        assertThat(pendingIds()).isEmpty();
    }

    @Test
    void ofAMessageEditedWhilePendingOnlyTheLastTextIsTakenAgain() {
        InboundMessage original = mention(ALICE, "what is tee");
        InboundMessage edited = new InboundMessage(original.messageId(), original.location(), original.author(),
                "what is tea", null, true, false, original.sentAt());
        store.accepted(new AcceptedQuestion("q1", original, before.clock.instant()));
        store.accepted(new AcceptedQuestion("q2", edited, before.clock.instant()));
        after.model.replies("A drink.");

        List<CompletableFuture<Outcome>> answers = after.pipeline.resume(Platform.DISCORD, MAX_AGE, this::sinkFor);

        assertThat(answers).hasSize(1);
        assertThat(PipelineFixture.outcome(answers.getFirst())).isEqualTo(new Outcome.Answered("A drink.", 0));
        assertThat(after.model.requests()).extracting(ResumeAfterRestartTest::question).containsExactly("what is tea");
        assertThat(pendingIds()).isEmpty();
    }

    @Test
    void questionsOfAnotherPlatformAreLeftForItsAdapter() {
        store.accepted(new AcceptedQuestion("q1", mention(ALICE, "hello"), before.clock.instant()));

        assertThat(after.pipeline.resume(Platform.TELEGRAM, MAX_AGE, this::sinkFor)).isEmpty();

        assertThat(pendingIds()).hasSize(1);
        assertThat(after.pipeline.dropPending(Platform.DISCORD)).isEqualTo(1);
        assertThat(pendingIds()).isEmpty();
    }

    private static String question(ChatRequest request) {
        return request.turns().getLast().text();
    }
}
