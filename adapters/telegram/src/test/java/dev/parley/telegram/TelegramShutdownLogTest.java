package dev.parley.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.command.CommandService;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.PipelineSettings;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.Posted;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
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
        adapter = TelegramAdapter.builder().settings(settings).pipeline(pipeline()).clock(InstantSource.system())
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

    private ChatPipeline pipeline() {
        InstantSource clock = InstantSource.system();
        TextNormaliser normaliser = new TextNormaliser();
        Moderator moderator = new Moderator(normaliser);
        InMemorySettingsStore settings = new InMemorySettingsStore();
        ModerationPolicies policies = new ModerationPolicies(settings, new ModerationDefaults(List.of(),
                Set.of(Direction.INPUT, Direction.OUTPUT), "blocked", "stopped"), normaliser);
        InMemoryAuditLog audit = new InMemoryAuditLog();
        ConversationMemory memory = new ConversationMemory(model, new MemoryLimits(100, Duration.ofMinutes(30), 20, 0),
                Ticker.systemTicker());
        CommandService commands = CommandService.builder().settings(settings).policies(policies).moderator(moderator)
                .memory(memory).audit(audit).clock(clock).queue(queue).build();
        return ChatPipeline.builder()
                .settings(new PipelineSettings("You are Parley.", new GenerationSettings(2000, 0f, 42),
                        new RateLimit(600, 100), 6000))
                .commands(commands).policies(policies).moderator(moderator)
                .rateLimiter(new RateLimiter(clock, Ticker.systemTicker(), Duration.ofMinutes(10), 1000))
                .queue(queue).model(model).memory(memory).audit(audit).clock(clock).build();
    }
}
