package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DuplicateDeliveryCheckTest {

    private final FakeClock clock = new FakeClock();
    private final DuplicateDelivery check = new DuplicateDelivery(new SeenMessages(clock, Duration.ofMinutes(10), 100));

    @Test
    void decide_firstDelivery_passes_secondIsIgnoredAsDuplicate() {
        InboundMessage message = mention(ALICE, "hello");
        RecordingReplySink sink = new RecordingReplySink();

        assertThat(check.decide(message, sink)).isEqualTo(AdmissionCheck.PASS);
        assertThat(check.decide(message, sink)).contains(new Outcome.Ignored("duplicate"));
        assertThat(sink.notices()).isEmpty();
    }

    @Test
    void decide_deliveredAgainAfterTheWindow_passes() {
        InboundMessage message = mention(ALICE, "hello");
        check.decide(message, new RecordingReplySink());
        clock.advance(Duration.ofMinutes(11));

        assertThat(check.decide(message, new RecordingReplySink())).isEqualTo(AdmissionCheck.PASS);
    }
}
