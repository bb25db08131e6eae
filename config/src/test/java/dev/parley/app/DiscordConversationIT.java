package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Platform;
import dev.parley.core.model.ChatModel;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.pipeline.AcceptedQuestions;
import dev.parley.discord.DiscordAdapter;
import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeGuild;
import dev.parley.testkit.discord.FakeUser;
import dev.parley.testkit.discord.RecordedRequest;
import dev.parley.testkit.discord.SentMessage;
import dev.parley.testkit.discord.SlashCommandDraft;
import dev.parley.testkit.gguf.TinyLlamaModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Parley on Discord end to end: the packaged application's Spring context with the real JDA
 * client against a fake Discord server on 127.0.0.1, and the real llama.cpp runtime on a
 * generated model. Settings live in an H2 file, so a restarted bot finds them again.
 */
class DiscordConversationIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static FakeDiscordServer server;
    private static FakeGuild guild;
    private static long general;
    /** Channels of servers whose settings one test changes, so no test sees another's settings. */
    private static long strictChannel;
    private static long limitedChannel;
    private static long keptChannel;
    private static long adminChannel;
    private static long busyChannel;
    private static FakeGuild audited;
    private static long auditedTalk;
    private static long auditedLog;
    private static long otherServersChannel;
    private static long splitChannel;
    private static FakeGuild moreAdmin;
    private static long moreAdminChannel;
    /** Two channels of one server: one with moderation of its own, one without. */
    private static long ownRulesChannel;
    private static long serverRulesChannel;
    private static long thread;
    private static long dm;
    private static FakeUser admin;
    private static FakeUser member;
    private static Path workDir;
    private static Path model;
    private static ConfigurableApplicationContext bot;

    @BeforeAll
    static void start() throws Exception {
        server = FakeDiscordServer.start();
        guild = server.createGuild("Parley test");
        general = guild.addTextChannel("general");
        admin = server.createUser("ada");
        member = server.createUser("bob");
        guild.addMember(admin, guild.adminRoleId());
        guild.addMember(member);
        strictChannel = ownServer("Strict");
        limitedChannel = ownServer("Limited");
        keptChannel = ownServer("Kept");
        adminChannel = ownServer("Admin");
        busyChannel = ownServer("Busy");
        audited = server.createGuild("Audited");
        audited.addMember(admin, audited.adminRoleId());
        audited.addMember(member);
        auditedTalk = audited.addTextChannel("talk");
        auditedLog = audited.addTextChannel("mod-log");
        otherServersChannel = ownServer("Other");
        splitChannel = ownServer("Split");
        moreAdmin = server.createGuild("More admin");
        moreAdmin.addMember(admin, moreAdmin.adminRoleId());
        moreAdmin.addMember(member);
        moreAdminChannel = moreAdmin.addTextChannel("talk");
        FakeGuild channelRules = server.createGuild("Channel rules");
        channelRules.addMember(admin, channelRules.adminRoleId());
        channelRules.addMember(member);
        ownRulesChannel = channelRules.addTextChannel("kitchen");
        serverRulesChannel = channelRules.addTextChannel("lounge");
        thread = guild.addThread(general, "a topic");
        dm = server.openDm(member);
        workDir = Files.createTempDirectory("parley-discord-it");
        model = workDir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(model);
        bot = startBot();
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static long ownServer(String name) {
        FakeGuild created = server.createGuild(name);
        created.addMember(admin, created.adminRoleId());
        created.addMember(member);
        return created.addTextChannel("talk");
    }

    private static ConfigurableApplicationContext startBot() throws InterruptedException {
        // as command-line arguments: they override application.yml, whose token is ${DISCORD_TOKEN:}
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ParleyApplication.class).run(
                "--parley.console.enabled=false",
                "--parley.discord.token=" + server.token(),
                "--parley.discord.rest-url=" + server.restBaseUrl(),
                "--parley.discord.gateway-url=" + server.gatewayUrl(),
                "--parley.model.path=" + model,
                "--parley.model.temperature=0",
                "--parley.model.max-new-tokens=24",
                "--parley.model.context-size=2048",
                "--parley.limits.user-per-minute=1000",
                "--parley.limits.user-burst=1000",
                "--parley.limits.channel-per-minute=1000",
                "--parley.limits.channel-burst=1000",
                "--parley.limits.server-per-minute=1000",
                "--parley.limits.server-burst=1000",
                "--parley.bot.personas.terse.system-prompt=Answer in one word.",
                "--parley.bot.personas.terse.max-new-tokens=3",
                "--parley.bot.personas.long.system-prompt=Answer at length.",
                "--parley.bot.personas.long.max-new-tokens=400",
                "--parley.bot.personas.longest.system-prompt=Answer at great length.",
                "--parley.bot.personas.longest.max-new-tokens=1500",
                "--parley.limits.queue-per-user=1",
                "--spring.datasource.url=jdbc:h2:file:" + workDir.resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE");
        context.getBean(DiscordAdapter.class).awaitReady();
        return context;
    }

    // ------------------------------------------------------------------ chat

    @Test
    void aMentionIsAnsweredWithAStreamedReplyThatPingsNobody() {
        long question = ask(general, member, "hello there");

        List<SentMessage> reply = replyTo(question);
        assertThat(reply).isNotEmpty();
        SentMessage posted = reply.getFirst();
        assertThat(posted.kind()).isEqualTo(SentMessage.Kind.CREATE);
        assertThat(posted.replyTo()).isEqualTo(question);
        assertThat(posted.allowedMentions()).as("no one may be pinged").containsEntry("parse", List.of());
        assertThat(posted.allowedMentions()).doesNotContainEntry("replied_user", true);
        // each edit shows more of the same reply
        for (int i = 1; i < reply.size(); i++) {
            assertThat(reply.get(i).kind()).isEqualTo(SentMessage.Kind.EDIT);
            assertThat(reply.get(i).content()).startsWith(reply.get(i - 1).content().strip());
        }
        assertThat(finalText(question)).isNotBlank();
        assertThat(server.requests()).anyMatch(r -> r.matches("POST", "channels/" + general + "/typing"));
        assertThat(server.unknownRequests()).isEmpty();
    }

    @Test
    void aReplyToTheBotContinuesTheConversationWithoutAMention() {
        long question = ask(general, member, "hello there");
        long botMessage = replyTo(question).getFirst().messageId();
        long handledBefore = adapter().messagesHandled();

        long followUp = server.message(general, member, "and then?").replyingTo(botMessage).post();
        awaitHandled(handledBefore + 1);

        assertThat(finalText(followUp)).isNotBlank();
    }

    @Test
    void aDirectMessageIsAnsweredWithoutAMention() {
        long handledBefore = adapter().messagesHandled();

        long question = server.postMessage(dm, member, "hello in private");
        awaitHandled(handledBefore + 1);

        assertThat(finalText(question)).isNotBlank();
        assertThat(replyTo(question)).allSatisfy(m -> assertThat(m.channelId()).isEqualTo(dm));
    }

    @Test
    void aMentionInAThreadIsAnsweredInTheThread() {
        long question = ask(thread, member, "hello in a thread");

        assertThat(finalText(question)).isNotBlank();
        assertThat(replyTo(question)).allSatisfy(m -> assertThat(m.channelId()).isEqualTo(thread));
    }

    @Test
    void messagesNotAddressedToTheBotAndFromBotsOrWebhooksAreIgnored() {
        long handledBefore = adapter().messagesHandled();
        FakeUser otherBot = server.createBotUser("otherbot");
        guild.addMember(otherBot);

        long plain = server.postMessage(general, member, "just chatting with friends");
        long fromBot = server.postMessage(general, otherBot, server.botUser().mention() + " hello");
        long fromWebhook = server.message(general, member, server.botUser().mention() + " hello").asWebhook("hook").post();
        awaitHandled(handledBefore + 3);

        assertThat(replyTo(plain)).isEmpty();
        assertThat(replyTo(fromBot)).isEmpty();
        assertThat(replyTo(fromWebhook)).isEmpty();
    }

    @Test
    void anAttachmentWithoutTextIsAcknowledgedNotRead() {
        long handledBefore = adapter().messagesHandled();
        long message = server.message(general, member, server.botUser().mention())
                .attachment("cat.png", 1024, "image/png").post();
        awaitHandled(handledBefore + 1);

        assertThat(finalText(message)).contains("only read text");
    }

    @Test
    void aBlockedPromptGetsOnlyTheNotice() {
        long question = ask(general, member, "how do I make a bomb at home");

        assertThat(replyTo(question)).hasSize(1);
        assertThat(finalText(question)).contains("blocked by this chat's moderation");
    }

    @Test
    void aReplyThatTurnsUnsafeMidStreamIsWithdrawnBeforeTheWordIsShown() {
        long channel = strictChannel;
        String prompt = "tell me a story";
        String learned = finalText(ask(channel, member, prompt));
        TextNormaliser normaliser = new TextNormaliser();
        String unsafe = Arrays.stream(normaliser.normalise(learned).strip().split(" ")).skip(1)
                .filter(word -> word.length() >= 3 && !normaliser.normalise(prompt).contains(" " + word + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no word to block in: " + learned));
        assertThat(command(channel, admin, "moderation", "terms", "operation", "add", "list", "block", "term", unsafe))
                .contains(unsafe);

        long question = ask(channel, member, prompt);

        assertThat(finalText(question)).contains("withheld");
        assertThat(replyTo(question)).allSatisfy(shown ->
                assertThat(normaliser.normalise(shown.content())).doesNotContain(" " + unsafe + " "));
    }

    @Test
    void aRateLimitedUserIsToldOnceWhenToAskAgain() {
        long channel = limitedChannel;
        assertThat(command(channel, admin, "ratelimit", "set", "level", "user", "per-minute", "1", "burst", 1L))
                .contains("1");
        long handledBefore = adapter().messagesHandled();

        long first = server.postMessage(channel, member, server.botUser().mention() + " one");
        long second = server.postMessage(channel, member, server.botUser().mention() + " two");
        long third = server.postMessage(channel, member, server.botUser().mention() + " three");
        awaitHandled(handledBefore + 3);

        List<String> notices = new ArrayList<>();
        for (long id : List.of(first, second, third)) {
            notices.add(finalText(id));
        }
        assertThat(notices).filteredOn(text -> text != null && text.contains("ask again in")).hasSize(1);
        assertThat(notices).filteredOn(Objects::isNull).hasSize(1); // told once per window, not per message
    }

    @Test
    void aUserWithAQuestionAlreadyWaitingIsToldTheBotIsBusy() {
        assertThat(command(busyChannel, admin, "bot", "persona", "name", "long")).contains("long");
        long handledBefore = adapter().messagesHandled();

        List<Long> questions = new ArrayList<>();
        for (String text : List.of("first question", "second question", "third question")) {
            questions.add(server.postMessage(busyChannel, member, server.botUser().mention() + " " + text));
        }
        awaitHandled(handledBefore + 3);

        List<String> answers = questions.stream().map(DiscordConversationIT::finalText).toList();
        assertThat(answers).allSatisfy(text -> assertThat(text).isNotBlank());
        // the first may still wait for its slot when the others come, so one or two are turned away
        assertThat(answers).filteredOn(text -> text.contains("questions waiting")).isNotEmpty();
        assertThat(answers).filteredOn(text -> !text.contains("questions waiting")).isNotEmpty();
    }

    @Test
    void aReplyHeldBackByDiscordKeepsItsQuestionUntilTheReplyIsPosted() {
        AcceptedQuestions questions = bot.getBean(AcceptedQuestions.class);
        server.failNext("POST channels/" + general + "/messages", 2, 5);
        long handledBefore = adapter().messagesHandled();

        long question = server.postMessage(general, member, server.botUser().mention() + " hello, slowly");
        server.await(() -> adapter().messagesHandled() > handledBefore, WAIT, () -> "the answer finished in the core");
        List<String> keptWhileHeld = questions.pending(Platform.DISCORD).stream()
                .map(kept -> kept.message().messageId()).toList();
        boolean stillHeld = replyTo(question).isEmpty(); // read after the store: held then, held when it was read

        assertThat(stillHeld).as("the reply is still held back by the 429s").isTrue();
        assertThat(keptWhileHeld).contains(String.valueOf(question));
        awaitHandled(handledBefore + 1);
        assertThat(finalText(question)).isNotBlank();
        server.await(() -> questions.pending(Platform.DISCORD).isEmpty(), WAIT, () -> "the question forgotten");
    }

    @Test
    void aReplyDiscordRefusesForGoodLetsItsQuestionGoRatherThanAnsweringItAtEveryStart() {
        AcceptedQuestions questions = bot.getBean(AcceptedQuestions.class);
        server.failNextWithStatus("POST channels/" + general + "/messages", 1, 403, 50013, "Missing Permissions");

        long question = ask(general, member, "hello, refused");

        assertThat(server.requests()).filteredOn(r -> r.matches("POST", "channels/" + general + "/messages"))
                .extracting(RecordedRequest::status).contains(403);
        assertThat(replyTo(question)).isEmpty();
        server.await(() -> questions.pending(Platform.DISCORD).isEmpty(), WAIT, () -> "the question forgotten");
    }

    @Test
    void aRateLimitFromDiscordIsWaitedOutAndTheReplyStillArrives() {
        server.failNext("POST channels/" + general + "/messages", 1, 1);

        long question = ask(general, member, "hello after a pause");

        assertThat(finalText(question)).isNotBlank();
        assertThat(server.requests()).filteredOn(r -> r.matches("POST", "channels/" + general + "/messages"))
                .extracting(RecordedRequest::status).contains(429);
    }

    @Test
    void afterAGatewayDisconnectTheBotResumesAndAnswersOnce() {
        int resumesBefore = server.resumeCount();

        server.disconnect();
        server.awaitResumes(resumesBefore + 1, WAIT);
        long question = ask(general, member, "are you back");

        assertThat(replyTo(question).stream().filter(m -> m.kind() == SentMessage.Kind.CREATE)).hasSize(1);
        assertThat(finalText(question)).isNotBlank();
    }

    @Test
    void anEditedQuestionIsJudgedAnewAndAnsweredInTheSameReply() {
        assertThat(command(busyChannel, admin, "bot", "persona", "name", "long")).contains("long");
        long handledBefore = adapter().messagesHandled();

        long question = server.postMessage(busyChannel, member, server.botUser().mention() + " tell me everything");
        server.awaitSentMessage(m -> Objects.equals(m.replyTo(), question), WAIT); // its answer is streaming
        server.editMessage(busyChannel, question, server.botUser().mention() + " how do I make a bomb at home");
        awaitHandled(handledBefore + 2); // the first answer ends withdrawn, the edit is judged

        assertThat(replyTo(question).stream().filter(m -> m.kind() == SentMessage.Kind.CREATE))
                .as("one reply, edited in place").hasSize(1);
        assertThat(finalText(question)).contains("blocked by this chat's moderation");
    }

    @Test
    void aDeletedQuestionStopsItsAnswerMidway() {
        // the longest answer (about 2 s of the test model) leaves the deletion time to arrive on a
        // busy 2-core machine; 400 tokens took under half a second and once finished first
        assertThat(command(busyChannel, admin, "bot", "persona", "name", "longest")).contains("longest");
        double before = tokensGenerated();
        ask(busyChannel, member, "tell me about the sea");
        double full = tokensGenerated() - before; // the test model always runs to max-new-tokens
        long handledBefore = adapter().messagesHandled();
        double started = tokensGenerated();

        long question = server.postMessage(busyChannel, member, server.botUser().mention() + " tell me about the sea");
        server.awaitSentMessage(m -> Objects.equals(m.replyTo(), question), WAIT); // its answer is streaming
        server.deleteMessage(busyChannel, question);
        awaitHandled(handledBefore + 1);

        assertThat(full).isEqualTo(1500);
        assertThat(tokensGenerated() - started).as("generation stopped early").isLessThan(full);
    }

    private static double tokensGenerated() {
        return bot.getBean(MeterRegistry.class).get("parley.model.tokens.generated").functionCounter().count();
    }

    @Test
    void aLongAnswerContinuesInFurtherMessagesOfAtMost2000Characters() {
        assertThat(command(splitChannel, admin, "bot", "persona", "name", "longest")).contains("longest");

        long question = ask(splitChannel, member, "tell me a very long story");

        List<Long> parts = replyTo(question).stream().filter(m -> m.kind() == SentMessage.Kind.CREATE)
                .map(SentMessage::messageId).toList();
        List<Long> continued = server.sentMessages().stream()
                .filter(m -> m.kind() == SentMessage.Kind.CREATE && m.channelId() == splitChannel
                        && m.replyTo() == null && m.messageId() > parts.getFirst())
                .map(SentMessage::messageId).toList();
        assertThat(continued).as("the answer went on in another message").isNotEmpty();
        for (long id : concat(parts, continued)) {
            assertThat(server.messageContent(id).orElseThrow().length()).isLessThanOrEqualTo(2000);
        }
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void aBlockIsReportedToTheServersAuditChannelWithoutTheText() {
        SlashCommandDraft setChannel = server.slashCommand(auditedTalk, admin, "moderation").subcommand("audit-channel")
                .channelOption("channel", auditedLog);
        assertThat(send(setChannel)).contains(Long.toString(auditedLog));
        assertThat(command(auditedTalk, admin, "moderation", "excerpt", "mode", "redacted")).contains("excerpt");

        long question = ask(auditedTalk, member, "how do I make a bomb at home");

        assertThat(finalText(question)).contains("blocked by this chat's moderation");
        SentMessage report = server.awaitSentMessage(m -> m.channelId() == auditedLog, WAIT);
        assertThat(report.content()).contains("Input blocked", "<@" + member.id() + ">", "sha256", "Excerpt")
                .doesNotContain("bomb at home");
        assertThat(report.allowedMentions()).containsEntry("parse", List.of());
    }

    @Test
    void anAuditChannelOfAnotherServerNeverReceivesThisServersBlocks() {
        SlashCommandDraft setChannel = server.slashCommand(otherServersChannel, admin, "moderation")
                .subcommand("audit-channel").channelOption("channel", auditedLog);
        send(setChannel);
        int before = (int) server.sentMessages().stream().filter(m -> m.channelId() == auditedLog).count();

        long question = ask(otherServersChannel, member, "how do I make a bomb at home");

        assertThat(finalText(question)).contains("blocked by this chat's moderation");
        assertThat(server.sentMessages().stream().filter(m -> m.channelId() == auditedLog)).hasSize(before);
    }

    // ------------------------------------------------------------------ admin commands

    @Test
    void adminCommandsAnswerEphemerallyAndNonAdminsAreRefused() {
        assertThat(command(adminChannel, admin, "moderation", "show")).containsIgnoringCase("moderat");
        assertThat(command(adminChannel, admin, "moderation", "category", "category", "violence", "action", "flag",
                "threshold", 0.7)).contains("violence");
        assertThat(command(adminChannel, admin, "moderation", "direction", "direction", "both")).isNotBlank();
        assertThat(command(adminChannel, admin, "moderation", "failure", "mode", "closed")).contains("blocked");
        assertThat(command(adminChannel, admin, "moderation", "test", "text", "how do I make a bomb")).containsIgnoringCase("block");
        assertThat(command(adminChannel, admin, "ratelimit", "show")).contains("/min");
        assertThat(command(adminChannel, member, "bot", "persona")).contains("default");

        assertThat(command(adminChannel, member, "moderation", "category", "category", "violence", "action", "off"))
                .startsWith("Only admins");
        assertThat(command(adminChannel, member, "moderation", "terms", "operation", "add", "list", "block", "term", "x"))
                .startsWith("Only admins");
        assertThat(command(adminChannel, member, "ratelimit", "set", "level", "user", "per-minute", "100"))
                .startsWith("Only admins");
        assertThat(command(adminChannel, member, "bot", "persona", "name", "terse")).startsWith("Only admins");
        assertThat(server.interactionCallbacks()).allSatisfy(callback -> assertThat(callback.ephemeral()).isTrue());
    }

    @Test
    void theRestOfTheCommandSetWorksForAdminsAndIsRefusedToMembers() {
        long channel = moreAdminChannel;
        // members are refused every change, and the audit log
        assertThat(send(server.slashCommand(channel, member, "moderation").subcommand("exempt-role")
                .option("operation", "add").roleOption("role", moreAdmin.adminRoleId()))).startsWith("Only admins");
        assertThat(send(server.slashCommand(channel, member, "moderation").subcommand("audit-channel")
                .channelOption("channel", channel))).startsWith("Only admins");
        assertThat(command(channel, member, "moderation", "excerpt", "mode", "redacted")).startsWith("Only admins");
        assertThat(command(channel, member, "moderation", "direction", "direction", "none")).startsWith("Only admins");
        assertThat(command(channel, member, "moderation", "failure", "mode", "open")).startsWith("Only admins");
        assertThat(command(channel, member, "bot", "channel", "mode", "auto-reply")).startsWith("Only admins");
        assertThat(command(channel, member, "audit", "recent")).startsWith("Only admins");

        // an admin's exempt role lets the admin role's prompts through unmoderated
        assertThat(send(server.slashCommand(channel, admin, "moderation").subcommand("exempt-role")
                .option("operation", "add").roleOption("role", moreAdmin.adminRoleId())))
                .contains(Long.toString(moreAdmin.adminRoleId()));
        assertThat(command(channel, admin, "bot", "channel", "mode", "auto-reply")).contains("auto-reply");
        long handledBefore = adapter().messagesHandled();
        long plain = server.postMessage(channel, member, "no mention needed here");
        awaitHandled(handledBefore + 1);
        assertThat(finalText(plain)).as("auto-reply answers without a mention").isNotBlank();

        assertThat(command(channel, admin, "audit", "recent", "count", 5L))
                .contains("bot.channel").contains("exempt");
        assertThat(command(channel, member, "reset")).contains("Forgotten");
        assertThat(command(channel, member, "stop")).contains("no question");
        assertThat(command(channel, member, "help")).contains("/moderation");
    }

    @Test
    void aTermBlockedForOneChannelIsBlockedThereOnlyAndMembersCannotSetIt() {
        assertThat(send(server.slashCommand(ownRulesChannel, member, "moderation").group("channel").subcommand("terms")
                .option("operation", "add").option("list", "block").option("term", "marmalade")))
                .isEqualTo("Only admins of this server can change moderation.");
        long beforeAdmin = ask(ownRulesChannel, member, "I like marmalade on toast");
        assertThat(finalText(beforeAdmin)).as("the member's attempt changed nothing")
                .doesNotContain("blocked by this chat's moderation");

        assertThat(send(server.slashCommand(ownRulesChannel, admin, "moderation").group("channel").subcommand("terms")
                .option("operation", "add").option("list", "block").option("term", "Marmalade")))
                .isEqualTo("Blocked \"marmalade\" in this channel.");
        long here = ask(ownRulesChannel, member, "I like marmalade on toast");
        long elsewhere = ask(serverRulesChannel, member, "I like marmalade on toast");

        assertThat(finalText(here)).contains("blocked by this chat's moderation");
        assertThat(replyTo(here)).hasSize(1);
        assertThat(finalText(elsewhere)).isNotBlank().doesNotContain("blocked by this chat's moderation");
        assertThat(send(server.slashCommand(ownRulesChannel, admin, "moderation").group("channel").subcommand("show")))
                .contains("blocked terms: marmalade");
        assertThat(send(server.slashCommand(serverRulesChannel, admin, "moderation").group("channel")
                .subcommand("show"))).contains("no moderation of its own");
        assertThat(command(ownRulesChannel, admin, "audit", "recent", "count", 5L))
                .as("the change is audited, naming the channel")
                .containsPattern("moderation\\.channel\\.terms\\.add " + ownRulesChannel + " marmalade");
    }

    @Test
    void helpIsAnOverviewAndExplainsOneCommandInFull() {
        String overview = command(general, member, "help");
        String moderation = command(general, member, "help", "command", "moderation");

        assertThat(overview).contains("/moderation", "/help <command>").doesNotContain("/moderation channel");
        assertThat(moderation).contains("/moderation channel terms", "/moderation category");
    }

    @Test
    void slashCommandsAreRegisteredAtStartUp() {
        server.await(() -> !server.globalCommands().isEmpty(), WAIT, () -> "no commands registered");

        assertThat(server.globalCommands()).extracting(command -> command.get("name"))
                .contains("moderation", "ratelimit", "bot", "audit", "reset", "stop", "help");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void settingsSurviveARestartOfTheBotWhoseLogsNeverShowTheToken(CapturedOutput output) throws InterruptedException {
        long channel = keptChannel;
        assertThat(command(channel, admin, "moderation", "terms", "operation", "add", "list", "block", "term",
                "pineapple")).contains("pineapple");

        bot.close();
        bot = startBot();
        long question = ask(channel, member, "I love pineapple on pizza");

        assertThat(finalText(question)).contains("blocked by this chat's moderation");
        assertThat(output.getAll()).as("the start-up and chat logs").contains("discord").doesNotContain(server.token());
    }

    // ------------------------------------------------------------------ helpers

    private static DiscordAdapter adapter() {
        return bot.getBean(DiscordAdapter.class);
    }

    /** Mentions the bot with {@code text} and waits until the answer is out. */
    private static long ask(long channel, FakeUser author, String text) {
        long handledBefore = adapter().messagesHandled();
        long id = server.postMessage(channel, author, server.botUser().mention() + " " + text);
        awaitHandled(handledBefore + 1);
        return id;
    }

    /** Waits until {@code count} messages were handled and every send went out, with the model idle. */
    private static void awaitHandled(long count) {
        server.await(() -> adapter().messagesHandled() >= count && adapter().outbound().pending() == 0
                        && bot.getBean(ChatModel.class).busySlots() == 0,
                WAIT, () -> "handled " + adapter().messagesHandled() + " of " + count + ", pending "
                        + adapter().outbound().pending());
    }

    /** What the bot posted and edited in answer to {@code question}, in order. */
    private static List<SentMessage> replyTo(long question) {
        List<Long> ids = server.sentMessages().stream()
                .filter(m -> m.kind() == SentMessage.Kind.CREATE && Objects.equals(m.replyTo(), question))
                .map(SentMessage::messageId).toList();
        return server.sentMessages().stream()
                .filter(m -> (m.kind() == SentMessage.Kind.CREATE || m.kind() == SentMessage.Kind.EDIT)
                        && ids.contains(m.messageId()))
                .toList();
    }

    /** The text the answer to {@code question} shows now, or null when there is none. */
    private static String finalText(long question) {
        List<SentMessage> reply = replyTo(question);
        if (reply.isEmpty()) {
            return null;
        }
        return server.messageContent(reply.getFirst().messageId()).orElse(null);
    }

    /**
     * Runs a slash-command as {@code user} and returns the ephemeral answer.
     *
     * @param words the subcommand (if the first word is one), then option names and values in pairs
     */
    private static String command(long channel, FakeUser user, String name, Object... words) {
        SlashCommandDraft draft = server.slashCommand(channel, user, name);
        int i = 0;
        if (words.length % 2 == 1) {
            draft.subcommand((String) words[0]);
            i = 1;
        }
        for (; i + 1 < words.length; i += 2) {
            String option = (String) words[i];
            switch (words[i + 1]) {
                case String text -> draft.option(option, text);
                case Long number -> draft.option(option, (long) number);
                case Double number -> draft.option(option, (double) number);
                default -> throw new IllegalArgumentException("option type " + words[i + 1].getClass());
            }
        }
        return send(draft);
    }

    /** Dispatches a slash-command and returns its ephemeral answer. */
    private static String send(SlashCommandDraft draft) {
        long handledBefore = adapter().messagesHandled();
        var interaction = draft.send();
        awaitHandled(handledBefore + 1);
        RecordedRequest answer = server.awaitRequest(r -> r.matches("PATCH",
                "webhooks/*/" + interaction.token() + "/messages/@original") && r.status() < 300, WAIT);
        return String.valueOf(answer.json().get("content"));
    }
}
