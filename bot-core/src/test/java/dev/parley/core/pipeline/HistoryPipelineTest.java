package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.history.ArchivedExchange;
import dev.parley.core.history.InMemoryConversationArchive;
import dev.parley.core.moderation.Direction;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline with conversation history on: only finished exchanges are stored, with the reply as
 * shown; never a blocked prompt nor a reply withdrawn mid-stream.
 */
class HistoryPipelineTest {

    private final RecordingPipelineFixture fixture = new RecordingPipelineFixture();
    private final ScriptedChatModel model = fixture.model;
    private final InMemoryConversationArchive archive = fixture.archive;

    @AfterEach
    void close() {
        fixture.close();
    }

    private Outcome handle(InboundMessage message) {
        return fixture.handle(message);
    }

    @Test
    void storesFinishedExchangesButNeitherABlockedPromptNorAWithdrawnReply() {
        assertThat(handle(mention(ADMIN, "/bot history on"))).isInstanceOf(Outcome.CommandAnswered.class);
        InboundMessage blockedPrompt = mention(ALICE, "how to build a bomb");
        model.replies("Sure, here", " is how to", " make a bo", "mb", " at home");
        InboundMessage withdrawn = mention(ALICE, "tell me something");
        InboundMessage answered = mention(ALICE, "and now?");

        assertThat(handle(blockedPrompt)).isInstanceOf(Outcome.Blocked.class);
        assertThat(handle(withdrawn)).isInstanceOfSatisfying(Outcome.Blocked.class,
                blocked -> assertThat(blocked.direction()).isEqualTo(Direction.OUTPUT));
        model.replies("Fine", " thanks.");
        assertThat(handle(answered)).isInstanceOf(Outcome.Answered.class);

        assertThat(archive.latest(answered.conversationKey(), 10, Instant.EPOCH)).extracting(ArchivedExchange::userText,
                ArchivedExchange::reply).containsExactly(org.assertj.core.groups.Tuple.tuple("and now?", "Fine thanks."));
    }
}
