package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandAnswerCheckTest {

    private final PipelineFixture parts = new PipelineFixture();
    private final CommandAnswer check = new CommandAnswer(parts.commands);

    @AfterEach
    void close() {
        parts.close();
    }

    @Test
    void decide_command_isAnsweredAsACommandReply() {
        RecordingReplySink sink = new RecordingReplySink();

        Outcome outcome = check.decide(mention(ALICE, "/help"), sink).orElseThrow();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.CommandAnswered.class,
                answered -> assertThat(sink.notices()).containsExactly(
                        new Notice(Notice.Kind.COMMAND_REPLY, answered.reply())));
        assertThat(sink.notices().getFirst().text()).isNotBlank();
    }

    @Test
    void decide_question_passes() {
        assertThat(check.decide(mention(ALICE, "what is 1/2?"), new RecordingReplySink())).isEqualTo(AdmissionCheck.PASS);
    }
}
