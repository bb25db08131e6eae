package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.modelserver.ModelServerMode;
import dev.parley.core.model.ChatModel;
import dev.parley.discord.DiscordAdapter;
import dev.parley.model.openai.OpenAiChatModel;
import dev.parley.model.serve.ModelServer;
import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeGuild;
import dev.parley.testkit.discord.FakeUser;
import dev.parley.testkit.discord.SentMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scale-out with one model (issue #8): {@code parley model-server} loads the model once, and two
 * bot instances, each running one of two Discord shards against one database and one fake
 * Discord, use it through the {@code openai} backend. Runs on PostgreSQL when
 * {@code PARLEY_TEST_POSTGRES_URL} names one ({@code .ci/run} starts one), else on a shared H2 file.
 */
class SharedModelServerIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String KEY = "sk-shared-model-test";

    private static FakeDiscordServer discord;
    private static FakeUser member;
    private static final Map<Integer, Long> channelOnShard = new HashMap<>();
    private static ConfigurableApplicationContext modelServer;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() throws Exception {
        discord = FakeDiscordServer.builder().shards(2).start();
        member = discord.createUser("bob");
        for (int shard = 0; shard < 2; shard++) {
            FakeGuild guild = discord.createGuildOnShard("server " + shard, shard, 2);
            guild.addMember(member);
            channelOnShard.put(shard, guild.addTextChannel("talk"));
        }
        modelServer = new SpringApplicationBuilder(ModelServerMode.class).web(WebApplicationType.NONE).run(
                "--parley.model.path=" + GeneratedModels.tinyModel(),
                "--parley.model.parallel=2",
                "--parley.model.threads=1",
                "--parley.model.context-size=512",
                "--parley.model.max-new-tokens=16",
                "--parley.model.temperature=0",
                "--parley.model-server.port=0",
                "--parley.model-server.model-name=tiny",
                "--parley.model-server.api-key=" + KEY);
        String baseUrl = "http://127.0.0.1:" + modelServer.getBean(ModelServer.class).port();
        List<String> database = database();
        first = startInstance(baseUrl, database, 0);
        second = startInstance(baseUrl, database, 1);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second, modelServer}) {
            if (context != null) {
                context.close();
            }
        }
        if (discord != null) {
            discord.close();
        }
    }

    /** PostgreSQL when the environment names one, else an H2 file both instances open. */
    private static List<String> database() throws Exception {
        return SharedDatabase.arguments(Files.createTempDirectory("parley-shared-model-it"));
    }

    private static ConfigurableApplicationContext startInstance(String modelUrl, List<String> database, int shard)
            throws InterruptedException {
        List<String> args = new ArrayList<>(List.of(
                "--parley.console.enabled=false",
                "--parley.discord.token=" + discord.token(),
                "--parley.discord.rest-url=" + discord.restBaseUrl(),
                "--parley.discord.gateway-url=" + discord.gatewayUrl(),
                "--parley.discord.shards.total=2",
                "--parley.discord.shards.first=" + shard,
                "--parley.discord.shards.last=" + shard,
                "--parley.model.backend=openai",
                "--parley.model.openai.base-url=" + modelUrl,
                "--parley.model.openai.model=tiny",
                "--parley.model.openai.api-key=" + KEY,
                "--parley.model.temperature=0",
                "--parley.model.max-new-tokens=16",
                "--parley.model.context-size=512"));
        args.addAll(database);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ParleyApplication.class)
                .run(args.toArray(String[]::new));
        context.getBean(DiscordAdapter.class).awaitReady();
        return context;
    }

    @Test
    void eachServerIsAnsweredOnceByItsShardsInstanceWithTheSharedModel() {
        ModelServer server = modelServer.getBean(ModelServer.class);
        long servedBefore = server.repliesServed();
        for (int shard = 0; shard < 2; shard++) {
            ConfigurableApplicationContext owner = shard == 0 ? first : second;
            ConfigurableApplicationContext other = shard == 0 ? second : first;
            long ownerBefore = handled(owner);
            long otherBefore = handled(other);
            long ownerRepliesBefore = modelReplies(owner);
            long otherRepliesBefore = modelReplies(other);
            long servedBeforeThis = server.repliesServed();

            long question = discord.postMessage(channelOnShard.get(shard), member,
                    discord.botUser().mention() + " hello from shard " + shard);
            discord.await(() -> handled(owner) > ownerBefore && idle(owner), WAIT,
                    () -> "no answer from the instance of shard");

            assertThat(handled(other)).as("the other instance never saw it").isEqualTo(otherBefore);
            List<SentMessage> answers = discord.sentMessages().stream()
                    .filter(m -> m.kind() == SentMessage.Kind.CREATE && Objects.equals(m.replyTo(), question))
                    .toList();
            assertThat(answers).as("answered exactly once").hasSize(1);
            assertThat(finalText(answers.getFirst().messageId())).as("the model's text").isNotBlank();
            // the text came from the model server: this instance's client got one reply, the server sent one
            assertThat(modelReplies(owner) - ownerRepliesBefore).isEqualTo(1);
            assertThat(modelReplies(other)).isEqualTo(otherRepliesBefore);
            assertThat(server.repliesServed() - servedBeforeThis).isEqualTo(1);
        }
        assertThat(server.repliesServed() - servedBefore).as("one model served both instances").isEqualTo(2);
        assertThat(server.requestsRefused()).isZero();
    }

    private static String finalText(long messageId) {
        return discord.sentMessages().stream()
                .filter(m -> m.messageId() == messageId)
                .reduce((earlier, later) -> later)
                .map(SentMessage::content)
                .orElse("");
    }

    private static long handled(ConfigurableApplicationContext context) {
        return context.getBean(DiscordAdapter.class).messagesHandled();
    }

    /** Replies the instance's OpenAI-compatible client finished: none without the shared server. */
    private static long modelReplies(ConfigurableApplicationContext context) {
        ChatModel model = context.getBean(ChatModel.class);
        assertThat(model).isInstanceOf(OpenAiChatModel.class);
        return ((OpenAiChatModel) model).stats().repliesCompleted();
    }

    private static boolean idle(ConfigurableApplicationContext context) {
        return context.getBean(DiscordAdapter.class).outbound().pending() == 0
                && context.getBean(ChatModel.class).busySlots() == 0;
    }
}
