package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Platform;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A question stays kept until the sink reports that what ends it is out on the platform, not
 * merely handed to the adapter: a paced adapter may still hold the final text when the process is
 * killed. Two pipelines on one store stand for the process before and after the kill.
 */
class ForgetOnDeliveryTest {

    private static final Duration MAX_AGE = Duration.ofHours(1);

    private final InMemoryAcceptedQuestions store = new InMemoryAcceptedQuestions();
    private final PipelineFixture before = new PipelineFixture(store);
    private final PipelineFixture after = new PipelineFixture(store);

    @AfterEach
    void close() {
        before.close();
        after.close();
    }

    /** A sink that shows at once but reports delivery only when the test says so, like a paced adapter. */
    private static final class PacedSink implements ReplySink {

        final RecordingReplySink shown = new RecordingReplySink();
        final CompletableFuture<Void> delivery = new CompletableFuture<>();

        @Override
        public void notice(Notice notice) {
            shown.notice(notice);
        }

        @Override
        public void progress(String visibleSoFar) {
            shown.progress(visibleSoFar);
        }

        @Override
        public void complete(String reply) {
            shown.complete(reply);
        }

        @Override
        public void withdraw(Notice replacement) {
            shown.withdraw(replacement);
        }

        @Override
        public CompletionStage<Void> delivered() {
            return delivery;
        }
    }

    private List<String> pendingIds() {
        return store.pending(Platform.DISCORD).stream().map(q -> q.message().messageId()).toList();
    }

    @Test
    void anAnsweredQuestionIsKeptUntilTheSinkHasDeliveredTheReply() {
        InboundMessage question = mention(ALICE, "what is tea");
        before.model.replies("A drink.");
        PacedSink sink = new PacedSink();

        Outcome outcome = before.answer(question, sink);

        assertThat(outcome).isEqualTo(new Outcome.Answered("A drink.", 0));
        assertThat(sink.shown.completed()).containsExactly("A drink.");
        assertThat(pendingIds()).containsExactly(question.messageId());
        sink.delivery.complete(null);
        assertThat(pendingIds()).isEmpty();
    }

    @Test
    void aQuestionWhoseFinalSendWasRefusedIsForgottenRatherThanTriedAtEveryStart() {
        InboundMessage question = mention(ALICE, "what is tea");
        before.model.replies("A drink.");
        PacedSink sink = new PacedSink();
        before.answer(question, sink);

        sink.delivery.completeExceptionally(new IllegalStateException("403 Forbidden"));

        assertThat(pendingIds()).isEmpty();
    }

    @Test
    void aNoticeThatEndsAQuestionIsWaitedForLikeAReply() {
        InboundMessage question = mention(ALICE, "say nothing");
        before.model.replies("   ");
        PacedSink sink = new PacedSink();

        Outcome outcome = before.answer(question, sink);

        assertThat(outcome).isEqualTo(new Outcome.Failed("empty reply"));
        assertThat(sink.shown.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.FAILED);
        assertThat(pendingIds()).containsExactly(question.messageId());
        sink.delivery.complete(null);
        assertThat(pendingIds()).isEmpty();
    }

    @Test
    void aKillAfterTheAnswerButBeforeItsDeliveryAnswersTheQuestionAgainAtTheNextStart() {
        InboundMessage question = mention(ALICE, "what is tea");
        before.model.replies("A drink.");
        before.answer(question, new PacedSink());
        // the process "before" is killed here, its reply still in the adapter's queue
        after.model.replies("A drink.");
        RecordingReplySink again = new RecordingReplySink();

        List<CompletableFuture<Outcome>> answers = after.pipeline.resume(Platform.DISCORD, MAX_AGE, message -> again);

        assertThat(answers).hasSize(1);
        assertThat(PipelineFixture.outcome(answers.getFirst())).isEqualTo(new Outcome.Answered("A drink.", 0));
        assertThat(again.completed()).containsExactly("A drink.");
        assertThat(pendingIds()).isEmpty();
    }
}
