package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeGuild;
import dev.parley.testkit.discord.FakeUser;
import dev.parley.testkit.discord.SentMessage;
import dev.parley.testkit.telegram.BotMessage;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.Posted;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged bot killed with SIGKILL in the middle of a conversation on Telegram (and on
 * Discord), then started
 * again on the same H2 file database: nothing it had acknowledged is lost and nothing is answered
 * twice. The fake Bot API server runs in this JVM and outlives both processes; the model is the
 * real llama.cpp runtime on a generated tiny model, with one slot and long answers, so that several
 * questions wait in line when the kill comes.
 */
class CrashRecoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(240);
    private static final String TOKEN = "77:crash-token";
    private static final TelegramUser BOT = TelegramUser.bot(7700, "Parley", "parley_bot");
    private static final TelegramUser ADA = TelegramUser.person(42, "Ada", "ada");
    private static final TelegramUser BOB = TelegramUser.person(43, "Bob", "bob");
    private static final TelegramChat GROUP = TelegramChat.supergroup(-100_700, "Lounge");
    private static final List<TelegramUser> ASKERS = List.of(TelegramUser.person(51, "Cyd", "cyd"),
            TelegramUser.person(52, "Dee", "dee"), TelegramUser.person(53, "Eve", "eve"),
            TelegramUser.person(54, "Fay", "fay"));
    private static final String BLOCKED_NOTICE = "blocked by this chat's moderation";
    private static final String RESTARTING = "I am restarting";

    private FakeTelegramServer server;
    private Path workDir;
    private ParleyProcess parley;
    private final List<ParleyProcess.Running> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        server = FakeTelegramServer.start(TOKEN, BOT);
        server.setMemberStatus(GROUP.id(), ADA.id(), "creator");
        workDir = Files.createTempDirectory("parley-crash-it");
        parley = new ParleyProcess(workDir);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (ParleyProcess.Running running : started) {
            if (running.process().isAlive()) {
                running.kill();
            }
        }
        server.close();
    }

    private ParleyProcess.Running startBot(String model) throws Exception {
        int startsBefore = server.requests("getMe").size();
        ParleyProcess.Running running = parley.start(withModel(model,
                "--parley.telegram.token=" + TOKEN,
                "--parley.telegram.api-url=" + server.baseUri()));
        started.add(running);
        server.await("the bot checking its token", () -> !running.process().isAlive()
                || server.requests("getMe").size() > startsBefore, WAIT);
        assertThat(running.process().isAlive()).as("parley started; stdout: %s", running.stdout()).isTrue();
        return running;
    }

    /** The arguments of a bot on {@code platform}'s arguments and the generated model at {@code model}. */
    private static String[] withModel(String model, String... platform) {
        List<String> args = new ArrayList<>(List.of(platform));
        args.addAll(List.of(
                "--parley.console.enabled=false",
                "--parley.model.path=" + model,
                "--parley.model.parallel=1",
                "--parley.model.temperature=0",
                // long answers from one slot: the questions behind the first wait for a while
                "--parley.model.max-new-tokens=400",
                "--parley.model.context-size=1024",
                "--parley.limits.user-per-minute=1000",
                "--parley.limits.user-burst=1000",
                "--parley.limits.channel-per-minute=1000",
                "--parley.limits.channel-burst=1000",
                "--parley.limits.server-per-minute=1000",
                // the database is the default one: an H2 file under ./data of the working directory
                "--parley.limits.server-burst=1000"));
        return args.toArray(String[]::new);
    }

    @Test
    void afterAKillEveryAcceptedQuestionIsAnsweredOnceAndEveryAcknowledgedChangeIsKept() throws Exception {
        String model = GeneratedModels.tinyModel();
        ParleyProcess.Running first = startBot(model);

        // acknowledged before the kill: an admin's setting, and a block it causes (audited)
        Posted setting = server.userSends(GROUP, ADA, "/moderation terms add block pineapple");
        assertThat(awaitFinalReply(setting)).contains("pineapple");
        Posted blocked = server.userSends(GROUP, BOB, "@parley_bot I love pineapple on pizza");
        assertThat(awaitFinalReply(blocked)).contains(BLOCKED_NOTICE);

        // accepted before the kill: each asker sees the bot typing, one answer runs, the others wait
        List<Posted> questions = new ArrayList<>();
        for (TelegramUser asker : ASKERS) {
            questions.add(server.userSends(TelegramChat.privateWith(asker), asker, "tell me a story"));
        }
        server.await("every asker sees the bot typing", () -> ASKERS.stream().allMatch(this::typingShownTo), WAIT);
        Set<String> shownBeforeKill = botMessageIds();
        first.kill();
        // the one slot answers one question at a time: at most the first had (part of) its answer shown
        List<Posted> unanswered = questions.stream()
                .filter(q -> server.repliesTo(q.chatId(), q.messageId()).isEmpty()).toList();
        assertThat(unanswered).hasSizeGreaterThanOrEqualTo(questions.size() - 1);

        ParleyProcess.Running second = startBot(model);
        for (Posted question : unanswered) {
            server.await("an answer to question " + question.messageId() + " after the restart",
                    () -> !newReplies(question, shownBeforeKill).isEmpty(), WAIT);
        }
        String audit = awaitFinalReply(server.userSends(GROUP, ADA, "/audit recent"));
        assertThat(audit).contains(BOB.id() + " moderation.block.input").contains(ADA.id() + " terms.add pineapple");
        Posted blockedAfter = server.userSends(GROUP, BOB, "@parley_bot pineapple is still great");
        assertThat(awaitFinalReply(blockedAfter)).contains(BLOCKED_NOTICE);
        for (Posted question : unanswered) {
            awaitAnswered(second, question.chatId() + ":" + question.messageId());
        }
        // every answer is complete: a question queued twice would now be told "restarting"
        second.stop();

        for (Posted question : unanswered) {
            assertThat(newReplies(question, shownBeforeKill)).as("the answers to question %s after the restart",
                    question.messageId()).singleElement()
                    .satisfies(reply -> assertThat(reply.text()).isNotBlank().doesNotContain(RESTARTING));
        }
        for (Posted question : questions) {
            // one shown in part before the kill is answered again in full; one answered in full, not again
            assertThat(newReplies(question, shownBeforeKill)).hasSizeLessThanOrEqualTo(1)
                    .allSatisfy(reply -> assertThat(reply.text()).doesNotContain(RESTARTING));
        }
        for (Posted acknowledged : List.of(setting, blocked)) {
            assertThat(newReplies(acknowledged, shownBeforeKill)).as("answered again after the restart").isEmpty();
        }
        // the log tells how many were taken again, never what they said
        assertThat(second.stderr()).contains("questions accepted before the restart taken again")
                .doesNotContain("tell me a story");
    }

    @Test
    void onDiscordTooEveryQuestionAcceptedBeforeAKillIsAnsweredOnceAfterTheRestart() throws Exception {
        try (FakeDiscordServer discord = FakeDiscordServer.start()) {
            FakeGuild guild = discord.createGuild("Crash test");
            List<FakeUser> askers = new ArrayList<>();
            List<Long> channels = new ArrayList<>();
            for (String name : List.of("cyd", "dee", "eve")) {
                FakeUser asker = discord.createUser(name);
                guild.addMember(asker);
                askers.add(asker);
                channels.add(guild.addTextChannel("talk-" + name));
            }
            String model = GeneratedModels.tinyModel();
            ParleyProcess.Running first = startDiscordBot(discord, model);

            List<Long> questions = new ArrayList<>();
            for (int i = 0; i < askers.size(); i++) {
                questions.add(discord.postMessage(channels.get(i), askers.get(i),
                        discord.botUser().mention() + " tell me a story"));
            }
            discord.await(() -> channels.stream().allMatch(channel -> discord.requests().stream()
                    .anyMatch(r -> r.matches("POST", "channels/" + channel + "/typing"))), WAIT,
                    () -> "every asker sees the bot typing");
            int sentBeforeKill = discord.sentMessages().size();
            first.kill();
            List<Long> unanswered = questions.stream().filter(q -> discordReplies(discord, q, 0).isEmpty()).toList();
            assertThat(unanswered).hasSizeGreaterThanOrEqualTo(questions.size() - 1);

            ParleyProcess.Running second = startDiscordBot(discord, model);
            for (long question : unanswered) {
                discord.await(() -> !discordReplies(discord, question, sentBeforeKill).isEmpty(), WAIT,
                        () -> "an answer to message " + question + " after the restart");
                awaitAnswered(second, Long.toString(question));
            }
            second.stop();

            for (long question : unanswered) {
                assertThat(discordReplies(discord, question, sentBeforeKill)).as("answers to %s after the restart",
                        question).singleElement().satisfies(reply -> assertThat(reply.content()).isNotBlank()
                        .doesNotContain(RESTARTING));
            }
            for (long question : questions) {
                assertThat(discordReplies(discord, question, sentBeforeKill)).hasSizeLessThanOrEqualTo(1);
            }
        }
    }

    private ParleyProcess.Running startDiscordBot(FakeDiscordServer discord, String model) throws Exception {
        long readiesBefore = commandRegistrations(discord);
        ParleyProcess.Running running = parley.start(withModel(model,
                "--parley.discord.token=" + discord.token(),
                "--parley.discord.rest-url=" + discord.restBaseUrl(),
                "--parley.discord.gateway-url=" + discord.gatewayUrl()));
        started.add(running);
        // the bot registers its slash commands once its shard is ready
        discord.await(() -> !running.process().isAlive() || commandRegistrations(discord) > readiesBefore, WAIT,
                () -> "the bot's shard ready");
        assertThat(running.process().isAlive()).as("parley started; stderr: %s", running.stderr()).isTrue();
        return running;
    }

    private static long commandRegistrations(FakeDiscordServer discord) {
        return discord.requests().stream().filter(r -> r.matches("PUT", "applications/*/commands")).count();
    }

    /** The messages the bot created replying to {@code question}, among those it sent from the {@code from}th on. */
    private static List<SentMessage> discordReplies(FakeDiscordServer discord, long question, int from) {
        List<SentMessage> sent = discord.sentMessages();
        return sent.subList(Math.min(from, sent.size()), sent.size()).stream()
                .filter(m -> m.kind() == SentMessage.Kind.CREATE && m.replyTo() != null && m.replyTo() == question)
                .toList();
    }

    private boolean typingShownTo(TelegramUser asker) {
        return server.requests("sendChatAction").stream()
                .anyMatch(r -> String.valueOf(r.params().get("chat_id")).equals(String.valueOf(asker.id())));
    }

    /** The bot's messages in every chat of the test, as "chat:message" (message ids count per chat). */
    private Set<String> botMessageIds() {
        Set<String> ids = new HashSet<>();
        for (long chat : chats()) {
            server.botMessages(chat).forEach(m -> ids.add(key(m)));
        }
        return ids;
    }

    private static String key(BotMessage message) {
        return message.chatId() + ":" + message.messageId();
    }

    private List<Long> chats() {
        List<Long> chats = new ArrayList<>(List.of(GROUP.id()));
        ASKERS.forEach(asker -> chats.add(asker.id()));
        return chats;
    }

    /** The bot's messages answering {@code question} that were not there before the kill. */
    /**
     * Waits until {@code bot} has logged {@code message} as answered. A graceful stop gives an answer
     * still streaming a bounded time, so on a loaded machine stopping at its first words turned it
     * into the "restarting" notice; the tests mean to catch a question answered twice, not that.
     */
    private static void awaitAnswered(ParleyProcess.Running bot, String message) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String key = "message=" + message + " ";
        while (bot.stderr().lines().noneMatch(line -> line.contains(key) && line.contains("outcome=Answered"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no answer to message " + message + " logged within " + WAIT
                        + "; stderr: " + bot.stderr());
            }
            Thread.sleep(200);
        }
    }

    private List<BotMessage> newReplies(Posted question, Set<String> shownBeforeKill) {
        return server.repliesTo(question.chatId(), question.messageId()).stream()
                .filter(m -> !shownBeforeKill.contains(key(m))).toList();
    }

    /** The text of the bot's reply to {@code posted}, once there is one. */
    private String awaitFinalReply(Posted posted) {
        server.await("a reply to message " + posted.messageId(),
                () -> !server.repliesTo(posted.chatId(), posted.messageId()).isEmpty(), WAIT);
        return server.repliesTo(posted.chatId(), posted.messageId()).getFirst().text();
    }
}
