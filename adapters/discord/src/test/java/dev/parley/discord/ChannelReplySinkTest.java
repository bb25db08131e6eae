package dev.parley.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import dev.parley.core.pipeline.Notice;
import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.reply.ReplyCaches;
import dev.parley.core.reply.ReplyChains;
import dev.parley.core.reply.ReplySplitter;
import java.time.Duration;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A reply or notice handed over after shutdown closed the driver is dropped rather than thrown at
 * the answering thread, and the sink stays undelivered, so the question is kept for the next start.
 */
class ChannelReplySinkTest {

    private static final String ANSWER = "the whole answer";

    private final OutboundDriver driver = UnstartedDriver.create();
    private final CapturedLog log = new CapturedLog(ChannelReplySink.class, Level.DEBUG);
    private final ChannelReplySink sink;

    ChannelReplySinkTest() {
        MessageChannel channel = mock(MessageChannel.class);
        when(channel.getId()).thenReturn("general");
        sink = new ChannelReplySink(channel, "m-1", null, driver, new ReplySplitter(Message.MAX_CONTENT_LENGTH),
                new ReplyChains(new ReplyCaches(1_000, Duration.ofDays(1), 10, Duration.ofMinutes(1))));
    }

    @AfterEach
    void closeDriver() {
        driver.close();
        log.close();
    }

    @Test
    void complete_whileRunning_queuesTheFirstPost() {
        sink.complete(ANSWER);

        assertThat(driver.scheduler().pending()).isOne();
        assertThat(log.events()).isEmpty();
    }

    @Test
    void completeAndNotice_afterTheDriverShutDown_dropTheSendsAndLeaveTheReplyUndelivered() {
        driver.close();

        assertThatCode(() -> {
            sink.complete(ANSWER);
            sink.notice(new Notice(Notice.Kind.FAILED, "I am restarting"));
        }).doesNotThrowAnyException();

        assertThat(driver.scheduler().pending()).isZero();
        assertThat(sink.delivered().toCompletableFuture()).isNotDone();
        assertThat(log.events()).hasSize(2).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(event.getFormattedMessage()).contains("channel=general", "message=m-1", "shutting down")
                    .doesNotContain(ANSWER);
        });
    }
}
