package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.BOB;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /stop} and a deleted message end a running reply at once: the stopping thread closes the
 * model stream, so a generation waiting inside {@code next()} ends without another piece.
 */
class StopRunningReplyTest {

    private final PipelineFixture parley = new PipelineFixture();
    private final CountDownLatch blocked = new CountDownLatch(1);
    private final RecordingReplySink sink = new RecordingReplySink();

    @AfterEach
    void close() {
        parley.close();
    }

    private CompletableFuture<Outcome> startALongReply(InboundMessage question) throws InterruptedException {
        parley.model.blocksUntilClosed(blocked, "Let me think");
        CompletableFuture<Outcome> running = parley.pipeline.handle(question, sink);
        assertThat(blocked.await(5, TimeUnit.SECONDS)).as("the reply waits inside next()").isTrue();
        return running;
    }

    @Test
    void stopEndsAReplyWaitingInsideNextAndFreesTheSlot() throws InterruptedException {
        CompletableFuture<Outcome> running = startALongReply(mention(ALICE, "a long question"));

        Outcome stop = parley.answer(mention(ALICE, "/stop"), new RecordingReplySink());

        assertThat(stop).isEqualTo(new Outcome.CommandAnswered("Stopped."));
        assertThat(PipelineFixture.outcome(running)).isEqualTo(new Outcome.Stopped(true));
        assertThat(sink.progress()).containsExactly("Let me ");
        assertThat(sink.notices()).containsExactly(new Notice(Notice.Kind.STOPPED, "Stopped."));
        assertThat(sink.completed()).isEmpty();
        assertThat(parley.model.allStreamsClosed()).isTrue();
        parley.model.replies("Next answer.");
        assertThat(parley.answer(mention(BOB, "next"), new RecordingReplySink()))
                .isEqualTo(new Outcome.Answered("Next answer.", 0));
    }

    @Test
    void deletingTheMessageEndsItsReplyWaitingInsideNext() throws InterruptedException {
        InboundMessage question = mention(ALICE, "a long question");
        CompletableFuture<Outcome> running = startALongReply(question);

        var withdrawal = parley.pipeline.messageDeleted(question.messageId());

        assertThat(withdrawal.running()).isOne();
        assertThat(PipelineFixture.outcome(running)).isEqualTo(new Outcome.Stopped(true));
        assertThat(parley.model.allStreamsClosed()).isTrue();
        assertThat(parley.memory.turns(question.conversationKey())).as("a stopped reply is not remembered").isEmpty();
    }

    @Test
    void deletingAMessageOfTheSameIdInAnotherChatLeavesTheReplyAlone() throws InterruptedException {
        InboundMessage question = mention(ALICE, "a long question");
        CompletableFuture<Outcome> running = startALongReply(question);
        Location otherChat = new Location(Platform.TELEGRAM, "chat-9", "chat-9", null);

        var elsewhere = parley.pipeline.messageDeleted(otherChat, question.messageId());
        var here = parley.pipeline.messageDeleted(question.location(), question.messageId());

        assertThat(elsewhere.none()).isTrue();
        assertThat(here.running()).isOne();
        assertThat(PipelineFixture.outcome(running)).isEqualTo(new Outcome.Stopped(true));
    }
}
