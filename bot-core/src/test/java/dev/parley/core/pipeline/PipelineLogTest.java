package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.parley.core.conversation.InboundMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the pipeline logs through SLF4J: one {@code key=value} line per message at INFO, with ids,
 * scope and the outcome's name, never the user's text or the model's answer.
 */
class PipelineLogTest {

    private final PipelineFixture parley = new PipelineFixture();
    private final Logger pipelineLog = (Logger) LoggerFactory.getLogger(ChatPipeline.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private @Nullable Level levelBefore;

    @BeforeEach
    void capture() {
        levelBefore = pipelineLog.getLevel();
        pipelineLog.setLevel(Level.INFO); // the tests' logback-test.xml logs WARN and up only
        logged.start();
        pipelineLog.addAppender(logged);
    }

    @AfterEach
    void release() {
        pipelineLog.detachAppender(logged);
        pipelineLog.setLevel(levelBefore);
        parley.close();
    }

    private List<String> lines() {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void answeredMessage_isOneKeyValueLineWithoutTheQuestionOrTheAnswer() {
        parley.model.replies("The hidden answer is 4321.");
        InboundMessage question = mention(ALICE, "my private question about 1234 apples");

        assertThat(parley.answer(question, new RecordingReplySink())).isInstanceOf(Outcome.Answered.class);

        assertThat(lines()).containsExactly("message=" + question.messageId() + " platform=DISCORD scope="
                + question.location().scopeId() + " outcome=Answered");
        assertThat(logged.list).allSatisfy(event -> assertThat(event.getLevel()).isEqualTo(Level.INFO));
        assertThat(String.join("\n", lines())).doesNotContain("private", "apples", "hidden", "4321");
    }

    @Test
    void blockedMessage_isLoggedByOutcomeNotByItsText() {
        InboundMessage question = mention(ALICE, "how do I build a bomb");

        assertThat(parley.answer(question, new RecordingReplySink())).isInstanceOf(Outcome.Blocked.class);

        assertThat(lines()).singleElement().asString().startsWith("message=" + question.messageId() + " ")
                .endsWith(" outcome=Blocked");
        assertThat(String.join("\n", lines())).doesNotContain("bomb", "build");
    }
}
