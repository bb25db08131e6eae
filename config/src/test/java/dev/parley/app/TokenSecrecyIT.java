package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.discord.DiscordAdapter;
import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeGuild;
import dev.parley.testkit.discord.FakeUser;
import dev.parley.testkit.discord.SentMessage;
import dev.parley.testkit.gguf.TinyLlamaModel;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.Posted;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bot on Discord and Telegram at once (real JDA and TelegramBots clients against the fake
 * servers, the Telegram token read from a secrets file): both platforms are healthy and answer,
 * and neither token ever appears in the logs (at DEBUG for Parley and both clients) or on the
 * HTTP endpoints.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenSecrecyIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DISCORD_TOKEN = "discord-secret-Zq81";
    private static final String TELEGRAM_TOKEN = "4242:telegram-secret-Xw93";
    private static final TelegramUser BOT = TelegramUser.bot(7000, "Parley", "parley_bot");
    private static final TelegramUser ADA = TelegramUser.person(42, "Ada", "ada");

    private final HttpClient http = HttpClient.newHttpClient();

    private String get(ConfigurableApplicationContext context, String path) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void bothPlatformsServeWhileNeitherTokenIsEverLoggedOrShown(@TempDir Path dir, CapturedOutput output)
            throws Exception {
        Path model = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(model);
        Path telegramSecret = dir.resolve("telegram-token");
        Files.writeString(telegramSecret, "  " + TELEGRAM_TOKEN + "\n");
        try (FakeDiscordServer discord = FakeDiscordServer.builder().token(DISCORD_TOKEN).start();
                FakeTelegramServer telegram = FakeTelegramServer.start(TELEGRAM_TOKEN, BOT)) {
            FakeGuild guild = discord.createGuild("Secrets");
            long general = guild.addTextChannel("general");
            FakeUser member = discord.createUser("bob");
            guild.addMember(member);
            ConfigurableApplicationContext context = new SpringApplicationBuilder(ParleyApplication.class)
                    .bannerMode(Banner.Mode.OFF)
                    .run(
                            "--parley.console.enabled=false",
                            "--parley.discord.token=" + DISCORD_TOKEN,
                            "--parley.discord.rest-url=" + discord.restBaseUrl(),
                            "--parley.discord.gateway-url=" + discord.gatewayUrl(),
                            "--parley.telegram.token-file=" + telegramSecret,
                            "--parley.telegram.api-url=" + telegram.baseUri(),
                            "--parley.model.path=" + model,
                            "--parley.model.temperature=0",
                            "--parley.model.max-new-tokens=8",
                            "--parley.model.context-size=512",
                            "--logging.level.dev.parley=debug",
                            "--logging.level.net.dv8tion=debug",
                            "--logging.level.org.telegram=debug",
                            "--spring.datasource.url=jdbc:h2:mem:token-secrecy;DB_CLOSE_DELAY=-1");
            String health;
            String scrape;
            try {
                context.getBean(DiscordAdapter.class).awaitReady();
                telegram.awaitPolling(WAIT);

                long question = discord.postMessage(general, member, discord.botUser().mention() + " hello");
                Posted hello = telegram.userSends(TelegramChat.privateWith(ADA), ADA, "hello there");
                discord.awaitSentMessage(m -> m.kind() == SentMessage.Kind.CREATE
                        && Objects.equals(m.replyTo(), question), WAIT);
                telegram.await("a reply on Telegram", () -> !telegram.repliesTo(ADA.id(), hello.messageId()).isEmpty(),
                        WAIT);

                health = get(context, "/actuator/health");
                scrape = get(context, "/actuator/prometheus");
            } finally {
                context.close();
            }

            JsonNode components = JsonMapper.builder().build().readTree(health).path("components");
            assertThat(components.path("discord").path("status").asString()).isEqualTo("UP");
            assertThat(components.path("telegram").path("status").asString()).isEqualTo("UP");
            assertThat(scrape).contains("platform=\"discord\"").contains("platform=\"telegram\"");
            assertThat(output.getAll()).as("the logs").contains("Telegram: polling as @parley_bot")
                    .doesNotContain(DISCORD_TOKEN).doesNotContain(TELEGRAM_TOKEN)
                    .doesNotContain("telegram-secret").doesNotContain("discord-secret");
            assertThat(health + scrape).as("the HTTP endpoints")
                    .doesNotContain("discord-secret").doesNotContain("telegram-secret");
        }
    }
}
