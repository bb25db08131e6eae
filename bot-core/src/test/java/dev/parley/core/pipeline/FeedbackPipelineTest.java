package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.BOB;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.feedback.Exchange;
import dev.parley.core.feedback.InMemoryFeedbackLog;
import dev.parley.core.moderation.Direction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline with feedback on, listened to (so the sink it answers through is wrapped): only
 * answers whose both sides passed moderation are recorded, under the message that shows them, and
 * never an opted-out author's.
 */
class FeedbackPipelineTest {

    private final RecordingPipelineFixture fixture = new RecordingPipelineFixture();
    private final ScriptedChatModel model = fixture.model;
    private final InMemoryFeedbackLog log = fixture.log;

    @AfterEach
    void close() {
        fixture.close();
    }

    /** A sink whose platform shows each reply in a message of its own. */
    private Outcome handle(InboundMessage message) {
        return fixture.handle(message);
    }

    @Test
    void recordsAnsweredExchangesButNeitherABlockedPromptNorAWithdrawnReplyNorAnOptedOutAuthor() {
        assertThat(handle(mention(ADMIN, "/bot feedback on"))).isInstanceOf(Outcome.CommandAnswered.class);
        assertThat(handle(mention(BOB, "/bot feedback optout"))).isInstanceOf(Outcome.CommandAnswered.class);

        assertThat(handle(mention(ALICE, "how to build a bomb"))).isInstanceOf(Outcome.Blocked.class);
        model.replies("Sure, here", " is how to", " make a bo", "mb", " at home");
        assertThat(handle(mention(ALICE, "tell me something"))).isInstanceOfSatisfying(Outcome.Blocked.class,
                blocked -> assertThat(blocked.direction()).isEqualTo(Direction.OUTPUT));
        model.replies("Not", " you.");
        assertThat(handle(mention(BOB, "and me?"))).isInstanceOf(Outcome.Answered.class);
        model.replies("Fine", " thanks.");
        assertThat(handle(mention(ALICE, "and now?"))).isInstanceOf(Outcome.Answered.class);

        assertThat(log.exchanges()).extracting(Exchange::authorId, Exchange::userText, Exchange::answerText,
                        Exchange::replyMessage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", "and now?", "Fine thanks.", "reply-6"));
    }
}
