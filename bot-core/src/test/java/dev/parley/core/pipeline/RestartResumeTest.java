package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.BOB;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Platform;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Which questions kept from before a restart are handed back to the queue, and which are forgotten. */
class RestartResumeTest {

    private static final Duration MAX_AGE = Duration.ofHours(1);

    private final FakeClock clock = new FakeClock();
    private final InMemoryAcceptedQuestions store = new InMemoryAcceptedQuestions();
    private final SeenMessages delivered = new SeenMessages(clock, SeenMessages.WINDOW, SeenMessages.MAX_REMEMBERED);
    private final RestartResume restart = new RestartResume(new QuestionLedger(store), delivered, clock);
    private final List<String> requeued = new ArrayList<>();

    private AcceptedQuestion keep(String id, InboundMessage message) {
        AcceptedQuestion question = new AcceptedQuestion(id, message, clock.instant());
        store.accepted(question);
        return question;
    }

    private List<CompletableFuture<Outcome>> resume() {
        return restart.resume(Platform.DISCORD, MAX_AGE, message -> new RecordingReplySink(), (question, sink) -> {
            requeued.add(question.id());
            return CompletableFuture.completedFuture(new Outcome.Ignored("test"));
        });
    }

    @Test
    void resume_handsBackOnlyTheLastTextOfAMessageEditedWhilePending() {
        InboundMessage asked = mention(ALICE, "first");
        keep("q1", asked);
        keep("q2", asked);

        assertThat(resume()).hasSize(1);
        assertThat(requeued).containsExactly("q2");
        assertThat(store.pending(Platform.DISCORD)).extracting(AcceptedQuestion::id).containsExactly("q2");
    }

    @Test
    void resume_forgetsQuestionsOlderThanTheMaximumAge() {
        keep("old", mention(ALICE, "long ago"));
        clock.advance(MAX_AGE.plusMinutes(1));
        keep("new", mention(BOB, "just now"));

        resume();

        assertThat(requeued).containsExactly("new");
        assertThat(store.pending(Platform.DISCORD)).extracting(AcceptedQuestion::id).containsExactly("new");
    }

    @Test
    void resume_leavesAQuestionDeliveredAgainToThatDelivery() {
        InboundMessage again = mention(ALICE, "again");
        keep("q1", again);
        delivered.firstDelivery(MessageRef.of(again));

        assertThat(resume()).isEmpty();
        assertThat(store.pending(Platform.DISCORD)).isEmpty();
    }

    @Test
    void resume_keepsAQuestionWhereNoReplyCanBePosted() {
        keep("q1", mention(ALICE, "nowhere"));

        List<CompletableFuture<Outcome>> answers = restart.resume(Platform.DISCORD, MAX_AGE, message -> null,
                (question, sink) -> CompletableFuture.completedFuture(new Outcome.Ignored("test")));

        assertThat(answers).isEmpty();
        assertThat(store.pending(Platform.DISCORD)).extracting(AcceptedQuestion::id).containsExactly("q1");
    }
}
