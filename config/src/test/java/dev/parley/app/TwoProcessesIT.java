package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeGuild;
import dev.parley.testkit.discord.FakeUser;
import dev.parley.testkit.discord.RecordedRequest;
import dev.parley.testkit.discord.SentMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scale-out with real processes (issue #8): the packaged jar runs three times on this machine, once
 * as {@code parley model-server} on a generated model and twice as a bot, each bot running one of
 * two Discord shards against one fake Discord (in this JVM), one database and the shared model
 * server. Killing one bot leaves the other answering, and a new process for the killed one's shard
 * finds the settings made through it. Runs on PostgreSQL when {@code PARLEY_TEST_POSTGRES_URL} names one ({@code .ci/run} starts
 * one), else on one H2 file both bots open with {@code AUTO_SERVER=TRUE}.
 */
class TwoProcessesIT {

    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final String KEY = "sk-two-processes-test";
    private static final Pattern LISTENING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)/v1");
    private static final String BLOCKED_NOTICE = "blocked by this chat's moderation";

    private final List<ParleyProcess.Running> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private FakeDiscordServer discord;
    private Path workDir;

    /** A bot process and the port of its health and metrics endpoint. */
    private record Bot(ParleyProcess.Running running, int httpPort) {
    }

    /** A server of the fake Discord on one shard, with an admin and a member in its text channel. */
    private record Server(FakeGuild guild, long channel) {
    }

    @BeforeEach
    void setUp() throws IOException {
        discord = FakeDiscordServer.builder().shards(2).start();
        workDir = Files.createTempDirectory("parley-two-processes-it");
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            for (ParleyProcess.Running running : started) {
                if (running.process().isAlive()) {
                    running.kill();
                }
            }
        } finally {
            discord.close();
        }
    }

    @Test
    void eachShardsProcessAnswersItsServersOnceWithTheSharedModelAndBothWriteToOneDatabase() throws Exception {
        FakeUser admin = discord.createUser("ada");
        FakeUser member = discord.createUser("bob");
        Server[] onShard = new Server[2];
        for (int shard = 0; shard < 2; shard++) {
            FakeGuild guild = discord.createGuildOnShard("server " + shard, shard, 2);
            guild.addMember(admin, guild.adminRoleId());
            guild.addMember(member);
            onShard[shard] = new Server(guild, guild.addTextChannel("talk"));
        }
        assertThat(onShard).as("a server on each shard").doesNotContainNull();

        int modelPort = startModelServer();
        List<String> database = database();
        Bot[] bots = {startBot(modelPort, database, 0), startBot(modelPort, database, 1)};

        List<Long> questions = new ArrayList<>();
        // a question on each shard: answered once, by the process of that shard, with the shared model
        for (int shard = 0; shard < 2; shard++) {
            int ownerShard = shard;
            Bot owner = bots[shard];
            Bot other = bots[1 - shard];
            Map<String, Double> ownerBefore = scrape(owner);
            Map<String, Double> otherBefore = scrape(other);

            long question = discord.postMessage(onShard[shard].channel(), member,
                    discord.botUser().mention() + " hello from shard " + shard);
            questions.add(question);
            // the answer is counted when the model is done; its message may still be on its way
            discord.await(() -> answered(owner) > ownerBefore.get("answered") && !replies(question).isEmpty(), WAIT,
                    () -> "an answer from the process of shard " + ownerShard);

            assertThat(replies(question)).as("answered exactly once").singleElement()
                    .satisfies(reply -> assertThat(finalText(reply.messageId())).as("the model's text").isNotBlank());
            Map<String, Double> ownerAfter = scrape(owner);
            Map<String, Double> otherAfter = scrape(other);
            assertThat(otherAfter.get("answered")).as("the other process answered nothing")
                    .isEqualTo(otherBefore.get("answered"));
            // the bots load no model: a reply their OpenAI-compatible client finished came from the model server
            assertThat(ownerAfter.get("modelReplies") - ownerBefore.get("modelReplies")).isEqualTo(1);
            assertThat(otherAfter.get("modelReplies")).isEqualTo(otherBefore.get("modelReplies"));
        }

        // an admin setting through each process, kept in the one database both use
        List<String> words = List.of("pineapple", "durian");
        for (int shard = 0; shard < 2; shard++) {
            String answer = command(onShard[shard].channel(), admin, words.get(shard));
            assertThat(answer).contains(words.get(shard));
        }
        long blocked = discord.postMessage(onShard[0].channel(), member,
                discord.botUser().mention() + " I love pineapple on pizza");
        discord.await(() -> !replies(blocked).isEmpty(), WAIT, () -> "a reply to the blocked question");
        assertThat(finalText(replies(blocked).getFirst().messageId())).contains(BLOCKED_NOTICE);
        for (int shard = 0; shard < 2; shard++) {
            String scope = Long.toUnsignedString(onShard[shard].guild().id());
            String word = words.get(shard);
            assertThat(audit(database, scope)).as("the audit of the server on shard %s", shard)
                    .anySatisfy(entry -> assertThat(entry).contains("terms.add").contains(word));
        }

        // shard 0's process killed: shard 1's process keeps answering on the database they shared
        bots[0].running().kill();
        double answeredBefore = scrape(bots[1]).get("answered");
        long afterKill = discord.postMessage(onShard[1].channel(), member,
                discord.botUser().mention() + " still there?");
        discord.await(() -> answered(bots[1]) > answeredBefore && !replies(afterKill).isEmpty(), WAIT,
                () -> "an answer from shard 1's process after shard 0's was killed");
        assertThat(replies(afterKill)).singleElement();

        // a new process for shard 0 reads the setting made through the killed one from the database
        Bot restarted = startBot(modelPort, database, 0);
        long blockedAgain = discord.postMessage(onShard[0].channel(), member,
                discord.botUser().mention() + " pineapple is still great");
        discord.await(() -> !replies(blockedAgain).isEmpty() && scrape(restarted).get("blocked") > 0, WAIT,
                () -> "a reply from the new shard 0 process");
        assertThat(finalText(replies(blockedAgain).getFirst().messageId())).contains(BLOCKED_NOTICE);
        assertThat(scrape(restarted).get("blocked")).isEqualTo(1);
        assertThat(scrape(bots[1]).get("blocked")).as("shard 1's process saw none of it").isZero();

        questions.addAll(List.of(blocked, afterKill, blockedAgain));
        for (long question : questions) {
            assertThat(replies(question)).as("the replies to %s, after all", question).hasSize(1);
        }
        for (Bot bot : List.of(bots[0], bots[1], restarted)) {
            // no model of their own: every answer above came from the model server
            assertThat(bot.running().stderr()).doesNotContain("llama.cpp native library loaded")
                    .doesNotContain(KEY).doesNotContain(discord.token());
        }
    }

    private int startModelServer() throws Exception {
        Path out = workDir.resolve("model-server-stdout.txt");
        Path err = workDir.resolve("model-server-stderr.txt");
        Process process = new ParleyProcess(workDir).start(Map.of("PARLEY_MODEL_SERVER_API_KEY", KEY), out, err,
                "model-server",
                "--parley.model.path=" + GeneratedModels.tinyModel(),
                "--parley.model.parallel=2",
                "--parley.model.threads=1",
                "--parley.model.context-size=512",
                "--parley.model.max-new-tokens=16",
                "--parley.model.temperature=0",
                "--parley.model-server.port=0");
        started.add(new ParleyProcess.Running(process, out, err));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(Files.readString(err));
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("model-server exited with " + process.exitValue() + ": " + Files.readString(err));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("model-server did not start listening: " + Files.readString(err));
    }

    /** PostgreSQL when the environment names one, else an H2 file both processes open. */
    private List<String> database() {
        return SharedDatabase.arguments(workDir);
    }

    private Bot startBot(int modelPort, List<String> database, int shard) throws Exception {
        int httpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            httpPort = socket.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of(
                "--parley.console.enabled=false",
                "--parley.discord.token=" + discord.token(),
                "--parley.discord.rest-url=" + discord.restBaseUrl(),
                "--parley.discord.gateway-url=" + discord.gatewayUrl(),
                "--parley.discord.shards.total=2",
                "--parley.discord.shards.first=" + shard,
                "--parley.discord.shards.last=" + shard,
                "--parley.model.backend=openai",
                "--parley.model.openai.base-url=http://127.0.0.1:" + modelPort,
                "--parley.model.openai.api-key=" + KEY,
                "--parley.model.temperature=0",
                "--parley.model.max-new-tokens=16",
                "--parley.model.context-size=512"));
        args.addAll(database);
        Path out = Files.createTempFile(workDir, "bot-" + shard + "-stdout", ".txt");
        Path err = Files.createTempFile(workDir, "bot-" + shard + "-stderr", ".txt");
        Process process = new ParleyProcess(workDir).start(Map.of("PARLEY_HTTP_PORT", String.valueOf(httpPort)), out,
                err, args.toArray(String[]::new));
        ParleyProcess.Running running = new ParleyProcess.Running(process, out, err);
        started.add(running);
        Bot bot = new Bot(running, httpPort);
        // its health endpoint reports Discord up once its shard is connected
        discord.await(() -> !process.isAlive() || discordUp(bot), WAIT, () -> "the shard " + shard + " process ready");
        assertThat(process.isAlive()).as("the bot of shard %s started; stderr: %s", shard, running.stderr()).isTrue();
        return bot;
    }

    private boolean discordUp(Bot bot) {
        try {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + bot.httpPort() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return health.body().replace(" ", "").contains("\"discord\":{\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The messages the bot created replying to {@code question}. */
    private List<SentMessage> replies(long question) {
        return discord.sentMessages().stream()
                .filter(m -> m.kind() == SentMessage.Kind.CREATE && Objects.equals(m.replyTo(), question))
                .toList();
    }

    private String finalText(long messageId) {
        return discord.sentMessages().stream()
                .filter(m -> m.messageId() == messageId)
                .reduce((earlier, later) -> later)
                .map(SentMessage::content)
                .orElse("");
    }

    /** {@code /moderation terms add block <term>} by {@code user}; its ephemeral answer. */
    private String command(long channel, FakeUser user, String term) {
        var interaction = discord.slashCommand(channel, user, "moderation").subcommand("terms")
                .option("operation", "add").option("list", "block").option("term", term).send();
        RecordedRequest answer = discord.awaitRequest(r -> r.matches("PATCH",
                "webhooks/*/" + interaction.token() + "/messages/@original") && r.status() < 300, WAIT);
        return String.valueOf(answer.json().get("content"));
    }

    private double answered(Bot bot) {
        Map<String, Double> metrics = tryScrape(bot);
        return metrics == null ? 0 : metrics.get("answered");
    }

    private Map<String, Double> scrape(Bot bot) {
        Map<String, Double> metrics = tryScrape(bot);
        assertThat(metrics).as("the metrics of the bot on port %s", bot.httpPort()).isNotNull();
        return metrics;
    }

    /** Discord questions the bot answered and replies its model client finished, from its Prometheus scrape. */
    private Map<String, Double> tryScrape(Bot bot) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + bot.httpPort() + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            String body = response.body();
            return Map.of("answered", sum(body, "parley_messages_in_total", "outcome=\"answered\"", "platform=\"discord\""),
                    "blocked", sum(body, "parley_messages_in_total", "outcome=\"blocked\"", "platform=\"discord\""),
                    "modelReplies", sum(body, "parley_model_replies_total"));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The sum of the samples of {@code name} whose labels contain every one of {@code labels}. */
    private static double sum(String scrape, String name, String... labels) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The audit entries of one server, as "action detail", read from the database directly. */
    private List<String> audit(List<String> database, String scope) throws Exception {
        String url = database.getFirst().substring("--spring.datasource.url=".length());
        String user = database.get(1).substring("--spring.datasource.username=".length());
        String password = database.get(2).substring("--spring.datasource.password=".length());
        List<String> entries = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT action, detail FROM audit_log WHERE platform = ? AND scope_id = ? ORDER BY id")) {
            query.setString(1, "DISCORD");
            query.setString(2, scope);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(rows.getString(1) + " " + rows.getString(2));
                }
            }
        }
        return entries;
    }
}
