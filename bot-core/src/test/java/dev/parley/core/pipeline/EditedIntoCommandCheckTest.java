package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditedIntoCommandCheckTest {

    private final EditedIntoCommand check = new EditedIntoCommand();

    @Test
    void decide_editIntoACommand_isIgnoredAndRunsNothing() {
        RecordingReplySink sink = new RecordingReplySink();

        assertThat(check.decide(mention(ALICE, "/reset"), sink)).contains(new Outcome.Ignored("edited into a command"));
        assertThat(sink.notices()).isEmpty();
    }

    @Test
    void decide_editIntoAnotherQuestion_passes() {
        assertThat(check.decide(mention(ALICE, "what about 1/2?"), new RecordingReplySink()))
                .isEqualTo(AdmissionCheck.PASS);
    }
}
