package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.ChatModel;
import dev.parley.discord.DiscordAdapter;
import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeGuild;
import dev.parley.testkit.discord.FakeUser;
import dev.parley.testkit.discord.SentMessage;
import dev.parley.testkit.gguf.TinyLlamaModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scale-out on one machine: two bot instances, each running its own half of two Discord shards,
 * share one database and serve one fake Discord. Every server's messages reach the instance that
 * owns its shard, and each message is answered exactly once.
 */
class DiscordShardsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static FakeDiscordServer server;
    private static FakeUser member;
    /** A text channel of a server on shard 0 and one on shard 1. */
    private static final Map<Integer, Long> channelOnShard = new HashMap<>();
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() throws Exception {
        server = FakeDiscordServer.builder().shards(2).start();
        member = server.createUser("bob");
        for (int shard = 0; shard < 2; shard++) {
            FakeGuild guild = server.createGuildOnShard("server " + shard, shard, 2);
            guild.addMember(member);
            channelOnShard.put(shard, guild.addTextChannel("talk"));
        }
        Path dir = Files.createTempDirectory("parley-shards-it");
        Path model = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(model);
        String database = "jdbc:h2:file:" + dir.resolve("shared") + ";AUTO_SERVER=TRUE";
        first = startInstance(model, database, 0);
        second = startInstance(model, database, 1);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second}) {
            if (context != null) {
                context.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    private static ConfigurableApplicationContext startInstance(Path model, String database, int shard)
            throws InterruptedException {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ParleyApplication.class).run(
                "--parley.console.enabled=false",
                "--parley.discord.token=" + server.token(),
                "--parley.discord.rest-url=" + server.restBaseUrl(),
                "--parley.discord.gateway-url=" + server.gatewayUrl(),
                "--parley.discord.shards.total=2",
                "--parley.discord.shards.first=" + shard,
                "--parley.discord.shards.last=" + shard,
                "--parley.model.path=" + model,
                "--parley.model.temperature=0",
                "--parley.model.max-new-tokens=16",
                "--parley.model.context-size=512",
                "--spring.datasource.url=" + database);
        context.getBean(DiscordAdapter.class).awaitReady();
        return context;
    }

    @Test
    void eachServerIsAnsweredOnceByTheInstanceThatRunsItsShard() {
        for (int shard = 0; shard < 2; shard++) {
            ConfigurableApplicationContext owner = shard == 0 ? first : second;
            ConfigurableApplicationContext other = shard == 0 ? second : first;
            long ownerBefore = handled(owner);
            long otherBefore = handled(other);

            long question = server.postMessage(channelOnShard.get(shard), member,
                    server.botUser().mention() + " hello from shard " + shard);
            server.await(() -> handled(owner) > ownerBefore && idle(owner), WAIT,
                    () -> "no answer from the instance of shard");

            assertThat(handled(other)).as("the other instance never saw it").isEqualTo(otherBefore);
            assertThat(server.sentMessages().stream()
                    .filter(m -> m.kind() == SentMessage.Kind.CREATE && Objects.equals(m.replyTo(), question)))
                    .as("answered exactly once").hasSize(1);
        }
    }

    private static long handled(ConfigurableApplicationContext context) {
        return context.getBean(DiscordAdapter.class).messagesHandled();
    }

    private static boolean idle(ConfigurableApplicationContext context) {
        return context.getBean(DiscordAdapter.class).outbound().pending() == 0
                && context.getBean(ChatModel.class).busySlots() == 0;
    }
}
