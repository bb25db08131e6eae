package dev.parley.app;

import dev.parley.discord.DiscordAdapter;
import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Parley started against the fake Discord server with the real JDA client: a generated model
 * answering greedily, H2 in a file of its own, limits generous enough that no test meets them
 * unless it sets its own, and the adapter connected before {@link #start} returns.
 */
final class DiscordBotUnderTest {

    private DiscordBotUnderTest() {
    }

    /**
     * Starts the bot; {@code extra} are further {@code --name=value} arguments (each name once:
     * Spring joins a repeated one with commas).
     */
    static ConfigurableApplicationContext start(FakeDiscordServer server, int maxNewTokens, String... extra)
            throws IOException, InterruptedException {
        Path workDir = Files.createTempDirectory("parley-discord-it");
        Path model = workDir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(model);
        List<String> args = new ArrayList<>(List.of(
                "--parley.console.enabled=false",
                "--parley.discord.token=" + server.token(),
                "--parley.discord.rest-url=" + server.restBaseUrl(),
                "--parley.discord.gateway-url=" + server.gatewayUrl(),
                "--parley.model.path=" + model,
                "--parley.model.temperature=0",
                "--parley.model.max-new-tokens=" + maxNewTokens,
                "--parley.model.context-size=512",
                "--parley.limits.user-per-minute=1000",
                "--parley.limits.user-burst=1000",
                "--parley.limits.channel-per-minute=1000",
                "--parley.limits.channel-burst=1000",
                "--parley.limits.server-per-minute=1000",
                "--parley.limits.server-burst=1000",
                "--spring.datasource.url=jdbc:h2:file:" + workDir.resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE"));
        args.addAll(List.of(extra));
        ConfigurableApplicationContext bot = new SpringApplicationBuilder(ParleyApplication.class)
                .run(args.toArray(String[]::new));
        bot.getBean(DiscordAdapter.class).awaitReady();
        return bot;
    }
}
