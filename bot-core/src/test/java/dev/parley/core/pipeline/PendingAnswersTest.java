package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.BOB;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.QueueSettings;
import dev.parley.core.queue.RequestKey;
import dev.parley.core.queue.Withdrawal;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry of answers waiting or running finds the one an edit or a deletion withdraws, by channel and id. */
class PendingAnswersTest {

    private final FakeClock clock = new FakeClock();
    private final InferenceQueue queue = new InferenceQueue(new QueueSettings(1, 10, 5, Duration.ofMinutes(5)), clock);
    private final PendingAnswers pending = new PendingAnswers(queue);
    private final PipelineFixture parts = new PipelineFixture();
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        queue.close();
        parts.close();
    }

    /** Queues an answer to {@code message} and registers it, as the pipeline does; the answer holds its slot until released. */
    private CompletableFuture<Outcome> queued(InboundMessage message) {
        return queued(message, new RecordingReplySink(), (m, policy, sink, slot, request) -> {
            running.countDown();
            return holdUntilReleased();
        });
    }

    private CompletableFuture<Outcome> queued(InboundMessage message, ReplySink sink, PendingAnswer.Answering answering) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        PendingAnswer answer = new PendingAnswer(message, parts.policies.forLocation(message.location()),
                sink, outcome, clock, queue, answering, id -> {});
        queue.submit(RequestKey.of(message), answer);
        pending.register(MessageRef.of(message), answer, outcome);
        return outcome;
    }

    private Outcome holdUntilReleased() {
        try {
            return release.await(5, TimeUnit.SECONDS) ? new Outcome.Ignored("released") : new Outcome.Failed("held");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Failed("interrupted");
        }
    }

    /** Bob's question takes the one slot; {@code asked} then waits behind it. */
    private CompletableFuture<Outcome> waitingBehindBob(InboundMessage asked) throws InterruptedException {
        queued(mention(BOB, "hold the slot"));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        return queued(asked);
    }

    @Test
    void withdrawDeleted_withdrawsTheWaitingAnswerOfThatChannelOnly() throws InterruptedException {
        InboundMessage asked = mention(ALICE, "waiting");
        CompletableFuture<Outcome> waiting = waitingBehindBob(asked);
        Location otherChannel = new Location(asked.location().platform(), asked.location().scopeId(), "elsewhere", null);

        assertThat(pending.withdrawDeleted(otherChannel, asked.messageId()).none()).isTrue();
        assertThat(pending.withdrawDeleted(asked.location(), asked.messageId())).isEqualTo(new Withdrawal(1, 0));
        assertThat(PipelineFixture.outcome(waiting)).isEqualTo(new Outcome.Stopped(false));
    }

    @Test
    void withdrawForEdit_isFalseOnceTheAnswerHasItsOutcome() throws InterruptedException {
        InboundMessage asked = mention(ALICE, "answered soon");
        CompletableFuture<Outcome> answered = queued(asked);
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        PipelineFixture.outcome(answered);

        assertThat(pending.withdrawForEdit(MessageRef.of(asked))).isFalse();
    }

    @Test
    void withdrawForEdit_withdrawsAnAnswerStillWaiting() throws InterruptedException {
        InboundMessage asked = mention(ALICE, "to be edited");
        CompletableFuture<Outcome> waiting = waitingBehindBob(asked);

        assertThat(pending.withdrawForEdit(MessageRef.of(asked))).isTrue();
        assertThat(PipelineFixture.outcome(waiting)).isEqualTo(new Outcome.Edited(false));
    }

    @Test
    void anAnswerWithdrawnForAnEditTellsItsSinkNothingMore() throws InterruptedException {
        // the edited message's answer shares this sink: a late piece of the old answer would
        // overwrite its notice (a Discord run showed the old text over "blocked by moderation")
        InboundMessage asked = mention(ALICE, "a long story");
        RecordingReplySink sink = new RecordingReplySink();
        CompletableFuture<Outcome> answering = queued(asked, sink, (m, policy, toSink, slot, request) -> {
            request.tellSink(() -> toSink.progress("Once upon"));
            running.countDown();
            holdUntilReleased(); // the next piece is being judged when the edit comes
            return request.tellSink(() -> toSink.progress("Once upon a time"))
                    ? new Outcome.Answered("Once upon a time", 0) : request.stopped();
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(pending.withdrawForEdit(MessageRef.of(asked))).isTrue();
        release.countDown();

        assertThat(PipelineFixture.outcome(answering)).isEqualTo(new Outcome.Edited(true));
        assertThat(sink.progress()).containsExactly("Once upon");
        assertThat(sink.notices()).as("an edit's answer speaks instead; no 'Stopped.'").isEmpty();
    }

    @Test
    void withdrawForEdit_isFalseForAMessageWithNoAnswer() {
        assertThat(pending.withdrawForEdit(MessageRef.of(mention(ALICE, "never queued")))).isFalse();
    }
}
