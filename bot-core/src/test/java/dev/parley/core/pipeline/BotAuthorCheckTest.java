package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.OTHER_BOT;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BotAuthorCheckTest {

    private final BotAuthor check = new BotAuthor();

    @Test
    void decide_anotherBot_isIgnoredSilently() {
        RecordingReplySink sink = new RecordingReplySink();

        assertThat(check.decide(mention(OTHER_BOT, "hello"), sink)).contains(new Outcome.Ignored("author is a bot"));
        assertThat(sink.notices()).isEmpty();
    }

    @Test
    void decide_aPerson_passes() {
        assertThat(check.decide(mention(ALICE, "hello"), new RecordingReplySink())).isEqualTo(AdmissionCheck.PASS);
    }
}
