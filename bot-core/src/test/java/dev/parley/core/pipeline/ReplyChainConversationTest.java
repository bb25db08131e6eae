package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.BOB;
import static dev.parley.core.testing.Messages.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.conversation.InboundMessage;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One channel, several conversations: each reply chain is remembered (and reset) on its own. */
class ReplyChainConversationTest {

    private final PipelineFixture parley = new PipelineFixture();
    private final AtomicInteger ids = new AtomicInteger();

    @AfterEach
    void close() {
        parley.close();
    }

    private InboundMessage inChain(Author author, String text, @Nullable String root) {
        return new InboundMessage("c" + ids.incrementAndGet(), GENERAL, author, text, root, true, false,
                Instant.EPOCH, root);
    }

    @Test
    void twoPeopleInOneChannelDoNotSeeEachOthersTurns() {
        parley.model.replies("Hi Alice.").replies("Hi Bob.").replies("Still Alice's.").replies("Still Bob's.");

        parley.answer(inChain(ALICE, "alice one", "root-a"), new RecordingReplySink());
        parley.answer(inChain(BOB, "bob one", "root-b"), new RecordingReplySink());
        parley.answer(inChain(ALICE, "alice two", "root-a"), new RecordingReplySink());
        parley.answer(inChain(BOB, "bob two", "root-b"), new RecordingReplySink());

        assertThat(parley.model.requests().get(2).turns()).containsExactly(ChatTurn.system("sys"),
                ChatTurn.user("alice one"), ChatTurn.assistant("Hi Alice."), ChatTurn.user("alice two"));
        assertThat(parley.model.requests().get(3).turns()).containsExactly(ChatTurn.system("sys"),
                ChatTurn.user("bob one"), ChatTurn.assistant("Hi Bob."), ChatTurn.user("bob two"));
    }

    @Test
    void resetForgetsOnlyTheConversationItIsPartOf() {
        parley.model.replies("A1.").replies("B1.").replies("A2.").replies("B2.");
        parley.answer(inChain(ALICE, "alice one", "root-a"), new RecordingReplySink());
        parley.answer(inChain(BOB, "bob one", "root-b"), new RecordingReplySink());

        Outcome reset = parley.answer(inChain(ALICE, "/reset", "root-a"), new RecordingReplySink());
        parley.answer(inChain(ALICE, "alice again", "root-a"), new RecordingReplySink());
        parley.answer(inChain(BOB, "bob again", "root-b"), new RecordingReplySink());

        assertThat(reset).isInstanceOf(Outcome.CommandAnswered.class);
        assertThat(parley.model.requests().get(2).turns())
                .containsExactly(ChatTurn.system("sys"), ChatTurn.user("alice again"));
        assertThat(parley.model.requests().get(3).turns()).containsExactly(ChatTurn.system("sys"),
                ChatTurn.user("bob one"), ChatTurn.assistant("B1."), ChatTurn.user("bob again"));
    }

    @Test
    void messagesWithoutARootShareTheChannelsConversation() {
        parley.model.replies("First.").replies("Second.");

        parley.answer(inChain(ALICE, "one", null), new RecordingReplySink());
        parley.answer(inChain(BOB, "two", null), new RecordingReplySink());

        assertThat(parley.model.requests().get(1).turns()).contains(ChatTurn.user("one"), ChatTurn.assistant("First."));
    }
}
