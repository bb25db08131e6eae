package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A platform that delivers a message twice gets one answer. */
class DuplicateDeliveryTest {

    private final PipelineFixture parley = new PipelineFixture();
    private final RecordingReplySink sink = new RecordingReplySink();

    @AfterEach
    void close() {
        parley.close();
    }

    @Test
    void aMessageDeliveredTwiceIsAnsweredOnce() {
        parley.model.replies("Once.");
        InboundMessage message = mention(ALICE, "hello");

        Outcome first = parley.answer(message, sink);
        Outcome again = parley.answer(message, sink);

        assertThat(first).isEqualTo(new Outcome.Answered("Once.", 0));
        assertThat(again).isEqualTo(new Outcome.Ignored("duplicate"));
        assertThat(parley.model.requests()).hasSize(1);
        assertThat(sink.completed()).containsExactly("Once.");
    }

    @Test
    void aRedeliveredCommandRunsOnce() {
        InboundMessage reset = mention(ALICE, "/reset");

        assertThat(parley.answer(reset, sink)).isInstanceOf(Outcome.CommandAnswered.class);
        assertThat(parley.answer(reset, sink)).isEqualTo(new Outcome.Ignored("duplicate"));
        assertThat(sink.notices()).hasSize(1);
    }

    @Test
    void theSameIdInAnotherChannelOrPlatformIsAnotherMessage() {
        parley.model.replies("One.").replies("Two.").replies("Three.");
        Location otherChannel = new Location(Platform.DISCORD, "guild-1", "random", null);
        Location telegram = new Location(Platform.TELEGRAM, "chat-1", "chat-1", null);

        for (Location where : new Location[] {GENERAL, otherChannel, telegram}) {
            InboundMessage message = new InboundMessage("42", where, ALICE, "hi", null, true, false, Instant.EPOCH);
            assertThat(parley.answer(message, sink)).isInstanceOf(Outcome.Answered.class);
        }
    }

    @Test
    void aDeliveryAfterTheWindowIsAnsweredAgain() {
        parley.model.replies("First.").replies("Later.");
        InboundMessage message = mention(ALICE, "hello");
        parley.answer(message, sink);

        parley.clock.advance(SeenMessages.WINDOW.minusSeconds(1));
        assertThat(parley.answer(message, sink)).isEqualTo(new Outcome.Ignored("duplicate"));
        parley.clock.advance(Duration.ofSeconds(1));
        assertThat(parley.answer(message, sink)).isEqualTo(new Outcome.Answered("Later.", 0));
    }

    @Test
    void remembersAtMostItsBound() {
        FakeClock clock = new FakeClock();
        SeenMessages seen = new SeenMessages(clock, Duration.ofMinutes(10), 3);

        for (int i = 0; i < 10; i++) {
            assertThat(seen.firstDelivery(new MessageRef(Platform.DISCORD, "general", "m" + i))).isTrue();
        }

        assertThat(seen.size()).isEqualTo(3);
    }
}
