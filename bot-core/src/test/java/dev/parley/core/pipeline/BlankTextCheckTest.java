package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlankTextCheckTest {

    private final BlankText check = new BlankText();

    @Test
    void decide_onlyWhitespace_isIgnored() {
        assertThat(check.decide(mention(ALICE, " \n\t"), new RecordingReplySink())).contains(new Outcome.Ignored("no text"));
    }

    @Test
    void decide_someText_passes() {
        assertThat(check.decide(mention(ALICE, " hi "), new RecordingReplySink())).isEqualTo(AdmissionCheck.PASS);
    }
}
