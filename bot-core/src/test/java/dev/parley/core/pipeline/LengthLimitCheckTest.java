package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LengthLimitCheckTest {

    private final LengthLimit check = new LengthLimit(5);

    @Test
    void decide_fiveEmojiOfTwoUtf16UnitsEach_passesAsFiveCharacters() {
        assertThat(check.decide(mention(ALICE, "😀😀😀😀😀"), new RecordingReplySink())).isEqualTo(AdmissionCheck.PASS);
    }

    @Test
    void decide_overTheLimit_isRefusedAndTheUserToldTheLimit() {
        RecordingReplySink sink = new RecordingReplySink();
        String reason = "Your message has 6 characters; I read at most 5.";

        assertThat(check.decide(mention(ALICE, "abcdef"), sink)).contains(new Outcome.TooLong(reason));
        assertThat(sink.notices()).containsExactly(new Notice(Notice.Kind.TOO_LONG, reason));
    }
}
