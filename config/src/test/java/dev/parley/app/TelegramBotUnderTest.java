package dev.parley.app;

import dev.parley.core.model.ChatModel;
import dev.parley.telegram.TelegramAdapter;
import dev.parley.testkit.gguf.TinyLlamaModel;
import dev.parley.testkit.telegram.BotMessage;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.Posted;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Parley on Telegram for an end-to-end test: the application with the real TelegramBots client
 * against a {@link FakeTelegramServer}, the real llama.cpp runtime on a generated model decoding
 * greedily, rate limits out of the way, and H2 in file mode so that {@link #restart()} finds what
 * the bot stored. With a {@link TestClock}, the bot reads it in place of the system clock.
 */
final class TelegramBotUnderTest implements BotUnderTest, AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);

    private final FakeTelegramServer server;
    private final String token;
    private final Path workDir;
    private final Path model;
    private final @Nullable TestClock clock;
    private final List<String> settings;
    private ConfigurableApplicationContext context;

    private TelegramBotUnderTest(FakeTelegramServer server, String token, Path workDir, @Nullable TestClock clock,
            List<String> settings) throws IOException {
        this.server = server;
        this.token = token;
        this.workDir = workDir;
        this.model = workDir.resolve("tiny.gguf");
        this.clock = clock;
        this.settings = List.copyOf(settings);
        TinyLlamaModel.builder().build().writeTo(model);
        this.context = startApplication();
    }

    /** In each of {@code groups}, {@code creator} created the group and {@code bot} is an administrator. */
    static void groupsWithAdminBot(FakeTelegramServer server, TelegramUser creator, TelegramUser bot,
            TelegramChat... groups) {
        for (TelegramChat group : groups) {
            server.setMemberStatus(group.id(), creator.id(), "creator");
            server.setMemberStatus(group.id(), bot.id(), "administrator");
        }
    }

    /**
     * Starts the bot against {@code server}, which it closes with itself.
     *
     * @param settings more command-line settings, e.g. {@code --parley.model.max-new-tokens=8}, each
     *     replacing this class's own of the same name
     */
    static TelegramBotUnderTest start(FakeTelegramServer server, String token, @Nullable TestClock clock,
            String... settings) throws IOException {
        return new TelegramBotUnderTest(server, token, Files.createTempDirectory("parley-telegram-it"), clock,
                List.of(settings));
    }

    private ConfigurableApplicationContext startApplication() {
        // as command-line arguments: they override application.yml, whose token is ${TELEGRAM_TOKEN:}
        List<String> args = BotUnderTest.arguments(model, workDir,
                List.of("--parley.telegram.token=" + token, "--parley.telegram.api-url=" + server.baseUri()), settings);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(ParleyApplication.class).bannerMode(Banner.Mode.OFF);
        if (clock != null) {
            builder.initializers(app -> app.getBeanFactory().registerSingleton("testClock", (InstantSource) clock));
        }
        ConfigurableApplicationContext started = builder.run(args.toArray(String[]::new));
        server.awaitPolling(WAIT);
        return started;
    }

    /** The running application. */
    ConfigurableApplicationContext context() {
        return context;
    }

    /** Stops the application and starts it again on the same database and model. */
    void restart() {
        stop();
        startAgain();
    }

    /** Stops the application; the fake server keeps running, so users can write while the bot is down. */
    void stop() {
        context.close();
    }

    /** Starts the application again after {@link #stop()}, on the same database and model. */
    void startAgain() {
        context = startApplication();
    }

    /** The fake Bot API server the bot talks to. */
    FakeTelegramServer server() {
        return server;
    }

    /** The generated model the bot serves. */
    Path model() {
        return model;
    }

    TelegramAdapter adapter() {
        return context.getBean(TelegramAdapter.class);
    }

    /** {@code from} writes {@code text} in {@code chat}; the text the bot answers with once idle, or null. */
    @Nullable String say(TelegramChat chat, TelegramUser from, String text) {
        return replyTo(post(chat, from, text));
    }

    /** {@code from} writes {@code text} in {@code chat}, and the bot handles it and goes idle. */
    Posted post(TelegramChat chat, TelegramUser from, String text) {
        return handling(() -> server.userSends(chat, from, text));
    }

    @Override
    public long messagesHandled() {
        return adapter().messagesHandled();
    }

    /** Waits until the bot handled {@code count} updates since it started, sent all it queued, and the model is idle. */
    @Override
    public void awaitHandled(long count) {
        server.await("handled " + count + " updates and every send out", () -> {
            TelegramAdapter adapter = adapter();
            return adapter.messagesHandled() >= count && adapter.outbound().pending() == 0
                    && context.getBean(ChatModel.class).busySlots() == 0;
        }, WAIT);
    }

    JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    /** The feedback tables as the test reads them for {@code chat}. */
    FeedbackRows feedback(TelegramChat chat) {
        return new FeedbackRows(jdbc(), "TELEGRAM", String.valueOf(chat.id()));
    }

    /** The exchange the bot's message {@code reply} shows, if it was recorded. */
    Optional<Long> exchangeShownBy(TelegramChat chat, BotMessage reply) {
        return feedback(chat).exchangeShownBy(String.valueOf(reply.messageId()));
    }

    /** Waits until the exchange the bot's message {@code reply} in {@code chat} shows is recorded; its id. */
    long awaitExchange(TelegramChat chat, BotMessage reply) {
        server.await("the exchange shown by message " + reply.messageId() + " is recorded",
                () -> exchangeShownBy(chat, reply).isPresent(), WAIT);
        return exchangeShownBy(chat, reply).orElseThrow();
    }

    /** What the bot's answer to {@code posted} shows now, or null when it did not answer. */
    @Nullable String replyTo(Posted posted) {
        return server.repliesTo(posted.chatId(), posted.messageId()).stream().filter(m -> !m.deleted())
                .map(BotMessage::text).findFirst().orElse(null);
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            server.close();
        }
    }
}
