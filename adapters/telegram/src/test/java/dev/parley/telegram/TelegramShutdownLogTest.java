package dev.parley.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.Posted;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What TelegramBots (through SLF4J) logs when the adapter stops: nothing at ERROR after a clean
 * run, while a poll that really fails is still logged.
 */
class TelegramShutdownLogTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TelegramUser BOT = TelegramUser.bot(9000, "Parley", "parley_bot");
    private static final TelegramUser ALICE = TelegramUser.person(1001, "Alice", "alice");

    private final FakeTelegramServer server = FakeTelegramServer.start("123:secret", BOT);
    private final ScriptedChatModel model = new ScriptedChatModel();
    private final InferenceQueue queue = new InferenceQueue(1, 20);
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private TelegramAdapter adapter;

    @BeforeEach
    void startAdapter() {
        logged.start();
        root.addAppender(logged);
        var settings = new TelegramSettings("123:secret", URI.create(server.baseUri().toString()), null,
                Duration.ofSeconds(10));
        adapter = TelegramAdapter.builder().settings(settings).pipeline(PlainPipeline.over(model, queue))
                .clock(InstantSource.system())
                .pollBackOff(new DoublingBackOff(Duration.ofMillis(100), Duration.ofSeconds(1))).build();
        adapter.start();
        server.awaitPolling(WAIT);
    }

    @AfterEach
    void stop() {
        adapter.close();
        root.detachAppender(logged);
        queue.close();
        server.close();
    }

    @Test
    void aCleanStop_whileALongPollWaits_logsNothingAtError() throws InterruptedException {
        model.replies("Hello Alice.");
        Posted question = server.userSends(TelegramChat.privateWith(ALICE), ALICE, "hello");
        server.await("the answer", () -> !server.repliesTo(question.chatId(), question.messageId()).isEmpty(), WAIT);
        server.awaitPolling(WAIT);

        adapter.close();

        assertThat(adapter.awaitClosed(Duration.ZERO)).isTrue();
        assertThat(errors()).isEmpty();
        assertThat(logged.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
        assertThat(server.unconfirmedUpdates()).as("the handled update is confirmed").isEmpty();
    }

    @Test
    void aPollThatFailsWhileRunning_isStillLoggedAtError() {
        server.failNext("getUpdates", 1, 1);
        model.replies("Hello Alice.");
        server.userSends(TelegramChat.privateWith(ALICE), ALICE, "hello"); // ends the waiting poll; the next fails
        server.awaitRequest(r -> r.is("getUpdates") && r.status() == 429, WAIT);
        server.await("the failure logged", () -> !errors().isEmpty(), WAIT);

        assertThat(errors()).anySatisfy(e -> assertThat(e.getLoggerName()).contains("telegrambots"));
    }

    private List<ILoggingEvent> errors() {
        return List.copyOf(logged.list).stream().filter(e -> e.getLevel() == Level.ERROR).toList();
    }
}
