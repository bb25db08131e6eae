package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Platform;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger keeps and forgets accepted questions, and a failing store costs durability, never the answer. */
class QuestionLedgerTest {

    private final InMemoryAcceptedQuestions store = new InMemoryAcceptedQuestions();
    private final QuestionLedger ledger = new QuestionLedger(store);

    private static AcceptedQuestion question(String id) {
        return new AcceptedQuestion(id, mention(ALICE, "hello " + id), Instant.EPOCH);
    }

    @Test
    void dropPending_forgetsEveryKeptQuestionOfThePlatformAndCountsThem() {
        store.accepted(question("q1"));
        store.accepted(question("q2"));

        assertThat(ledger.dropPending(Platform.DISCORD)).isEqualTo(2);
        assertThat(store.pending(Platform.DISCORD)).isEmpty();
    }

    @Test
    void forget_swallowsAStoreFailure() {
        QuestionLedger failing = new QuestionLedger(new AcceptedQuestions() {
            @Override
            public void accepted(AcceptedQuestion question) {}

            @Override
            public void finished(String id) {
                throw new IllegalStateException("database gone");
            }

            @Override
            public List<AcceptedQuestion> pending(Platform platform) {
                return List.of(question("q1"));
            }
        });

        assertThat(failing.dropPending(Platform.DISCORD)).as("the failure is logged, not thrown").isEqualTo(1);
    }

    @Test
    void pending_listsTheKeptQuestionsInTheOrderTheyWereAccepted() {
        store.accepted(question("q1"));
        store.accepted(question("q2"));

        assertThat(ledger.pending(Platform.DISCORD)).extracting(AcceptedQuestion::id).containsExactly("q1", "q2");
    }
}
