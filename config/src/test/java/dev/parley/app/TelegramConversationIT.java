package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.telegram.TelegramAdapter;
import dev.parley.testkit.gguf.TinyLlamaModel;
import dev.parley.testkit.telegram.BotMessage;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.Posted;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application on Telegram: with a token set, it starts the adapter (the real TelegramBots
 * client, on the OkHttp that JDA brings too) against a fake Bot API server, answers a private
 * message with the real llama.cpp runtime on a generated model, and stops the adapter cleanly
 * when the application closes, confirming what it handled.
 */
class TelegramConversationIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TelegramUser BOT = TelegramUser.bot(7000, "Parley", "parley_bot");
    private static final TelegramUser ADA = TelegramUser.person(42, "Ada", "ada");

    @Test
    void withATokenSet_theBotAnswersOnTelegramAndStopsCleanly(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(model);
        try (FakeTelegramServer server = FakeTelegramServer.start("42:it-token", BOT)) {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(ParleyApplication.class)
                    .bannerMode(Banner.Mode.OFF)
                    .run( // arguments, as a user passes them: they win over application.yml
                            "--parley.console.enabled=false",
                            "--parley.telegram.token=42:it-token",
                            "--parley.telegram.api-url=" + server.baseUri(),
                            "--parley.model.path=" + model,
                            "--parley.model.temperature=0",
                            "--parley.model.max-new-tokens=16",
                            "--parley.model.context-size=512",
                            "--spring.datasource.url=jdbc:h2:mem:telegram-it;DB_CLOSE_DELAY=-1");
            TelegramAdapter adapter = context.getBean(TelegramAdapter.class);
            try {
                server.awaitPolling(WAIT);
                assertThat(server.commands()).containsKeys("default", "all_chat_administrators");

                Posted hello = server.userSends(TelegramChat.privateWith(ADA), ADA, "hello there");

                server.await("a reply from the model", () -> !server.repliesTo(ADA.id(), hello.messageId()).isEmpty(),
                        WAIT);
                BotMessage reply = server.repliesTo(ADA.id(), hello.messageId()).getFirst();
                assertThat(reply.text()).isNotBlank();
            } finally {
                context.close();
            }

            assertThat(adapter.awaitClosed(Duration.ZERO)).as("closed with the application").isTrue();
            assertThat(server.unconfirmedUpdates()).isEmpty();
            // on close the adapter confirms what it handled with a poll that does not wait
            assertThat(server.requests("getUpdates")).anySatisfy(poll -> {
                assertThat(poll.number("timeout")).isZero();
                assertThat(poll.ok()).isTrue();
            });
        }
    }

    @Test
    void aRefusedToken_stopsStartUpWithOneClearLine(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(model);
        var err = new ByteArrayOutputStream();
        try (FakeTelegramServer server = FakeTelegramServer.start("42:right-token", BOT)) {
            int status = new Launcher(new PrintStream(err, true, StandardCharsets.UTF_8)).run(
                    "--parley.console.enabled=false",
                    "--parley.telegram.token=42:wrong-token",
                    "--parley.telegram.api-url=" + server.baseUri(),
                    "--parley.model.path=" + model,
                    "--parley.model.context-size=512",
                    "--spring.datasource.url=jdbc:h2:mem:telegram-refused;DB_CLOSE_DELAY=-1");

            assertThat(status).isEqualTo(Launcher.CANNOT_START);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .startsWith("parley: cannot start: Telegram refused the token (401")
                    .doesNotContain("wrong-token");
            assertThat(server.requests("getUpdates")).isEmpty();
        }
    }
}
