package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Platform;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.pipeline.AcceptedQuestions;
import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeGuild;
import dev.parley.testkit.discord.FakeUser;
import dev.parley.testkit.discord.RecordedRequest;
import dev.parley.testkit.discord.SentMessage;
import dev.parley.testkit.discord.SlashCommandDraft;
import io.micrometer.core.instrument.MeterRegistry;
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
    private static DiscordBotUnderTest discord;

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
        audited = DiscordBotUnderTest.guild(server, "Audited", admin, member);
        auditedTalk = audited.addTextChannel("talk");
        auditedLog = audited.addTextChannel("mod-log");
        otherServersChannel = ownServer("Other");
        splitChannel = ownServer("Split");
        moreAdmin = DiscordBotUnderTest.guild(server, "More admin", admin, member);
        moreAdminChannel = moreAdmin.addTextChannel("talk");
        FakeGuild channelRules = DiscordBotUnderTest.guild(server, "Channel rules", admin, member);
        ownRulesChannel = channelRules.addTextChannel("kitchen");
        serverRulesChannel = channelRules.addTextChannel("lounge");
        thread = guild.addThread(general, "a topic");
        dm = server.openDm(member);
        discord = DiscordBotUnderTest.launch(server, 24,
                "--parley.model.context-size=2048",
                "--parley.bot.personas.terse.system-prompt=Answer in one word.",
                "--parley.bot.personas.terse.max-new-tokens=3",
                "--parley.bot.personas.long.system-prompt=Answer at length.",
                "--parley.bot.personas.long.max-new-tokens=400",
                "--parley.bot.personas.longest.system-prompt=Answer at great length.",
                "--parley.bot.personas.longest.max-new-tokens=1500",
                "--parley.limits.queue-per-user=1");
    }

    @AfterAll
    static void stop() {
        DiscordBotUnderTest.stop(discord, server);
    }

    private static long ownServer(String name) {
        return DiscordBotUnderTest.guild(server, name, admin, member).addTextChannel("talk");
    }

    // ------------------------------------------------------------------ chat

    @Test
    void aMentionIsAnsweredWithAStreamedReplyThatPingsNobody() {
        long question = discord.ask(general, member, "hello there");

        List<SentMessage> reply = discord.replyTo(question);
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
        assertThat(discord.finalText(question)).isNotBlank();
        assertThat(server.requests()).anyMatch(r -> r.matches("POST", "channels/" + general + "/typing"));
        assertThat(server.unknownRequests()).isEmpty();
    }

    @Test
    void aReplyToTheBotContinuesTheConversationWithoutAMention() {
        long question = discord.ask(general, member, "hello there");
        long botMessage = discord.replyTo(question).getFirst().messageId();
        long handledBefore = discord.adapter().messagesHandled();

        long followUp = server.message(general, member, "and then?").replyingTo(botMessage).post();
        discord.awaitHandled(handledBefore + 1);

        assertThat(discord.finalText(followUp)).isNotBlank();
    }

    @Test
    void aDirectMessageIsAnsweredWithoutAMention() {
        long handledBefore = discord.adapter().messagesHandled();

        long question = server.postMessage(dm, member, "hello in private");
        discord.awaitHandled(handledBefore + 1);

        assertThat(discord.finalText(question)).isNotBlank();
        assertThat(discord.replyTo(question)).allSatisfy(m -> assertThat(m.channelId()).isEqualTo(dm));
    }

    @Test
    void aMentionInAThreadIsAnsweredInTheThread() {
        long question = discord.ask(thread, member, "hello in a thread");

        assertThat(discord.finalText(question)).isNotBlank();
        assertThat(discord.replyTo(question)).allSatisfy(m -> assertThat(m.channelId()).isEqualTo(thread));
    }

    @Test
    void messagesNotAddressedToTheBotAndFromBotsOrWebhooksAreIgnored() {
        long handledBefore = discord.adapter().messagesHandled();
        FakeUser otherBot = server.createBotUser("otherbot");
        guild.addMember(otherBot);

        long plain = server.postMessage(general, member, "just chatting with friends");
        long fromBot = server.postMessage(general, otherBot, server.botUser().mention() + " hello");
        long fromWebhook = server.message(general, member, server.botUser().mention() + " hello").asWebhook("hook").post();
        discord.awaitHandled(handledBefore + 3);

        assertThat(discord.replyTo(plain)).isEmpty();
        assertThat(discord.replyTo(fromBot)).isEmpty();
        assertThat(discord.replyTo(fromWebhook)).isEmpty();
    }

    @Test
    void anAttachmentWithoutTextIsAcknowledgedNotRead() {
        long handledBefore = discord.adapter().messagesHandled();
        long message = server.message(general, member, server.botUser().mention())
                .attachment("cat.png", 1024, "image/png").post();
        discord.awaitHandled(handledBefore + 1);

        assertThat(discord.finalText(message)).contains("only read text");
    }

    @Test
    void aBlockedPromptGetsOnlyTheNotice() {
        long question = discord.ask(general, member, "how do I make a bomb at home");

        assertThat(discord.replyTo(question)).hasSize(1);
        assertThat(discord.finalText(question)).contains("blocked by this chat's moderation");
    }

    @Test
    void aReplyThatTurnsUnsafeMidStreamIsWithdrawnBeforeTheWordIsShown() {
        long channel = strictChannel;
        String prompt = "tell me a story";
        String learned = discord.finalText(discord.ask(channel, member, prompt));
        TextNormaliser normaliser = new TextNormaliser();
        String unsafe = Arrays.stream(normaliser.normalise(learned).strip().split(" ")).skip(1)
                .filter(word -> word.length() >= 3 && !normaliser.normalise(prompt).contains(" " + word + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no word to block in: " + learned));
        assertThat(discord.command(channel, admin, "moderation", "terms", "operation", "add", "list", "block", "term", unsafe))
                .contains(unsafe);

        long question = discord.ask(channel, member, prompt);

        assertThat(discord.finalText(question)).contains("withheld");
        assertThat(discord.replyTo(question)).allSatisfy(shown ->
                assertThat(normaliser.normalise(shown.content())).doesNotContain(" " + unsafe + " "));
    }

    @Test
    void aRateLimitedUserIsToldOnceWhenToAskAgain() {
        long channel = limitedChannel;
        assertThat(discord.command(channel, admin, "ratelimit", "set", "level", "user", "per-minute", "1", "burst", 1L))
                .contains("1");
        long handledBefore = discord.adapter().messagesHandled();

        long first = server.postMessage(channel, member, server.botUser().mention() + " one");
        long second = server.postMessage(channel, member, server.botUser().mention() + " two");
        long third = server.postMessage(channel, member, server.botUser().mention() + " three");
        discord.awaitHandled(handledBefore + 3);

        List<String> notices = new ArrayList<>();
        for (long id : List.of(first, second, third)) {
            notices.add(discord.finalText(id));
        }
        assertThat(notices).filteredOn(text -> text != null && text.contains("ask again in")).hasSize(1);
        assertThat(notices).filteredOn(Objects::isNull).hasSize(1); // told once per window, not per message
    }

    @Test
    void aUserWithAQuestionAlreadyWaitingIsToldTheBotIsBusy() {
        assertThat(discord.command(busyChannel, admin, "bot", "persona", "name", "longest")).contains("longest");
        long handledBefore = discord.adapter().messagesHandled();

        List<Long> questions = new ArrayList<>();
        for (String text : List.of("first question", "second question", "third question")) {
            questions.add(server.postMessage(busyChannel, member, server.botUser().mention() + " " + text));
        }
        discord.awaitHandled(handledBefore + 3);

        List<String> answers = questions.stream().map(discord::finalText).toList();
        assertThat(answers).allSatisfy(text -> assertThat(text).isNotBlank());
        // the first may still wait for its slot when the others come, so one or two are turned away
        assertThat(answers).filteredOn(text -> text.contains("questions waiting")).isNotEmpty();
        assertThat(answers).filteredOn(text -> !text.contains("questions waiting")).isNotEmpty();
    }

    @Test
    void aReplyHeldBackByDiscordKeepsItsQuestionUntilTheReplyIsPosted() {
        AcceptedQuestions questions = discord.context().getBean(AcceptedQuestions.class);
        server.failNext("POST channels/" + general + "/messages", 2, 5);
        long handledBefore = discord.adapter().messagesHandled();

        long question = server.postMessage(general, member, server.botUser().mention() + " hello, slowly");
        server.await(() -> discord.adapter().messagesHandled() > handledBefore, WAIT, () -> "the answer finished in the core");
        List<String> keptWhileHeld = questions.pending(Platform.DISCORD).stream()
                .map(kept -> kept.message().messageId()).toList();
        boolean stillHeld = discord.replyTo(question).isEmpty(); // read after the store: held then, held when it was read

        assertThat(stillHeld).as("the reply is still held back by the 429s").isTrue();
        assertThat(keptWhileHeld).contains(String.valueOf(question));
        discord.awaitHandled(handledBefore + 1);
        assertThat(discord.finalText(question)).isNotBlank();
        server.await(() -> questions.pending(Platform.DISCORD).isEmpty(), WAIT, () -> "the question forgotten");
    }

    @Test
    void aReplyDiscordRefusesForGoodLetsItsQuestionGoRatherThanAnsweringItAtEveryStart() {
        AcceptedQuestions questions = discord.context().getBean(AcceptedQuestions.class);
        server.failNextWithStatus("POST channels/" + general + "/messages", 1, 403, 50013, "Missing Permissions");

        long question = discord.ask(general, member, "hello, refused");

        assertThat(server.requests()).filteredOn(r -> r.matches("POST", "channels/" + general + "/messages"))
                .extracting(RecordedRequest::status).contains(403);
        assertThat(discord.replyTo(question)).isEmpty();
        server.await(() -> questions.pending(Platform.DISCORD).isEmpty(), WAIT, () -> "the question forgotten");
    }

    @Test
    void aRateLimitFromDiscordIsWaitedOutAndTheReplyStillArrives() {
        server.failNext("POST channels/" + general + "/messages", 1, 1);

        long question = discord.ask(general, member, "hello after a pause");

        assertThat(discord.finalText(question)).isNotBlank();
        assertThat(server.requests()).filteredOn(r -> r.matches("POST", "channels/" + general + "/messages"))
                .extracting(RecordedRequest::status).contains(429);
    }

    @Test
    void afterAGatewayDisconnectTheBotResumesAndAnswersOnce() {
        int resumesBefore = server.resumeCount();

        server.disconnect();
        server.awaitResumes(resumesBefore + 1, WAIT);
        long question = discord.ask(general, member, "are you back");

        assertThat(discord.replyTo(question).stream().filter(m -> m.kind() == SentMessage.Kind.CREATE)).hasSize(1);
        assertThat(discord.finalText(question)).isNotBlank();
    }

    @Test
    void anEditedQuestionIsJudgedAnewAndAnsweredInTheSameReply() {
        // the edit must arrive while the answer runs: an edit of a finished answer is not answered
        // again, and on an idle machine the 400-token answer once ended before the edit came
        assertThat(discord.command(busyChannel, admin, "bot", "persona", "name", "longest")).contains("longest");
        long handledBefore = discord.adapter().messagesHandled();

        long question = server.postMessage(busyChannel, member, server.botUser().mention() + " tell me everything");
        server.awaitSentMessage(m -> Objects.equals(m.replyTo(), question), WAIT); // its answer is streaming
        server.editMessage(busyChannel, question, server.botUser().mention() + " how do I make a bomb at home");
        discord.awaitHandled(handledBefore + 2); // the first answer ends withdrawn, the edit is judged
        // the notice replaces the reply by an edit the outbound queue may send just after the count
        server.await(() -> String.valueOf(discord.finalText(question)).contains("blocked by this chat's moderation"),
                WAIT, () -> "the reply replaced by the notice, now: " + discord.finalText(question));

        assertThat(discord.replyTo(question).stream().filter(m -> m.kind() == SentMessage.Kind.CREATE))
                .as("one reply, edited in place").hasSize(1);
        assertThat(discord.finalText(question)).contains("blocked by this chat's moderation");
    }

    @Test
    void aDeletedQuestionStopsItsAnswerMidway() {
        // the longest answer (about 2 s of the test model) leaves the deletion time to arrive on a
        // busy 2-core machine; 400 tokens took under half a second and once finished first
        assertThat(discord.command(busyChannel, admin, "bot", "persona", "name", "longest")).contains("longest");
        double before = tokensGenerated();
        discord.ask(busyChannel, member, "tell me about the sea");
        double full = tokensGenerated() - before; // the test model always runs to max-new-tokens
        long handledBefore = discord.adapter().messagesHandled();
        double started = tokensGenerated();

        long question = server.postMessage(busyChannel, member, server.botUser().mention() + " tell me about the sea");
        server.awaitSentMessage(m -> Objects.equals(m.replyTo(), question), WAIT); // its answer is streaming
        server.deleteMessage(busyChannel, question);
        discord.awaitHandled(handledBefore + 1);

        assertThat(full).isEqualTo(1500);
        assertThat(tokensGenerated() - started).as("generation stopped early").isLessThan(full);
    }

    private static double tokensGenerated() {
        return discord.context().getBean(MeterRegistry.class).get("parley.model.tokens.generated").functionCounter().count();
    }

    @Test
    void aLongAnswerContinuesInFurtherMessagesOfAtMost2000Characters() {
        assertThat(discord.command(splitChannel, admin, "bot", "persona", "name", "longest")).contains("longest");

        long question = discord.ask(splitChannel, member, "tell me a very long story");

        List<Long> parts = discord.replyTo(question).stream().filter(m -> m.kind() == SentMessage.Kind.CREATE)
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
        assertThat(discord.send(setChannel)).contains(Long.toString(auditedLog));
        assertThat(discord.command(auditedTalk, admin, "moderation", "excerpt", "mode", "redacted")).contains("excerpt");

        long question = discord.ask(auditedTalk, member, "how do I make a bomb at home");

        assertThat(discord.finalText(question)).contains("blocked by this chat's moderation");
        SentMessage report = server.awaitSentMessage(m -> m.channelId() == auditedLog, WAIT);
        assertThat(report.content()).contains("Input blocked", "<@" + member.id() + ">", "sha256", "Excerpt")
                .doesNotContain("bomb at home");
        assertThat(report.allowedMentions()).containsEntry("parse", List.of());
    }

    @Test
    void anAuditChannelOfAnotherServerNeverReceivesThisServersBlocks() {
        SlashCommandDraft setChannel = server.slashCommand(otherServersChannel, admin, "moderation")
                .subcommand("audit-channel").channelOption("channel", auditedLog);
        discord.send(setChannel);
        int before = (int) server.sentMessages().stream().filter(m -> m.channelId() == auditedLog).count();

        long question = discord.ask(otherServersChannel, member, "how do I make a bomb at home");

        assertThat(discord.finalText(question)).contains("blocked by this chat's moderation");
        assertThat(server.sentMessages().stream().filter(m -> m.channelId() == auditedLog)).hasSize(before);
    }

    // ------------------------------------------------------------------ admin commands

    @Test
    void adminCommandsAnswerEphemerallyAndNonAdminsAreRefused() {
        assertThat(discord.command(adminChannel, admin, "moderation", "show")).containsIgnoringCase("moderat");
        assertThat(discord.command(adminChannel, admin, "moderation", "category", "category", "violence", "action", "flag",
                "threshold", 0.7)).contains("violence");
        assertThat(discord.command(adminChannel, admin, "moderation", "direction", "direction", "both")).isNotBlank();
        assertThat(discord.command(adminChannel, admin, "moderation", "failure", "mode", "closed")).contains("blocked");
        assertThat(discord.command(adminChannel, admin, "moderation", "test", "text", "how do I make a bomb")).containsIgnoringCase("block");
        assertThat(discord.command(adminChannel, admin, "ratelimit", "show")).contains("/min");
        assertThat(discord.command(adminChannel, member, "bot", "persona")).contains("default");

        assertThat(discord.command(adminChannel, member, "moderation", "category", "category", "violence", "action", "off"))
                .startsWith("Only admins");
        assertThat(discord.command(adminChannel, member, "moderation", "terms", "operation", "add", "list", "block", "term", "x"))
                .startsWith("Only admins");
        assertThat(discord.command(adminChannel, member, "ratelimit", "set", "level", "user", "per-minute", "100"))
                .startsWith("Only admins");
        assertThat(discord.command(adminChannel, member, "bot", "persona", "name", "terse")).startsWith("Only admins");
        assertThat(server.interactionCallbacks()).allSatisfy(callback -> assertThat(callback.ephemeral()).isTrue());
    }

    @Test
    void theRestOfTheCommandSetWorksForAdminsAndIsRefusedToMembers() {
        long channel = moreAdminChannel;
        // members are refused every change, and the audit log
        assertThat(discord.send(server.slashCommand(channel, member, "moderation").subcommand("exempt-role")
                .option("operation", "add").roleOption("role", moreAdmin.adminRoleId()))).startsWith("Only admins");
        assertThat(discord.send(server.slashCommand(channel, member, "moderation").subcommand("audit-channel")
                .channelOption("channel", channel))).startsWith("Only admins");
        assertThat(discord.command(channel, member, "moderation", "excerpt", "mode", "redacted")).startsWith("Only admins");
        assertThat(discord.command(channel, member, "moderation", "direction", "direction", "none")).startsWith("Only admins");
        assertThat(discord.command(channel, member, "moderation", "failure", "mode", "open")).startsWith("Only admins");
        assertThat(discord.command(channel, member, "bot", "channel", "mode", "auto-reply")).startsWith("Only admins");
        assertThat(discord.command(channel, member, "audit", "recent")).startsWith("Only admins");

        // an admin's exempt role lets the admin role's prompts through unmoderated
        assertThat(discord.send(server.slashCommand(channel, admin, "moderation").subcommand("exempt-role")
                .option("operation", "add").roleOption("role", moreAdmin.adminRoleId())))
                .contains(Long.toString(moreAdmin.adminRoleId()));
        assertThat(discord.command(channel, admin, "bot", "channel", "mode", "auto-reply")).contains("auto-reply");
        long handledBefore = discord.adapter().messagesHandled();
        long plain = server.postMessage(channel, member, "no mention needed here");
        discord.awaitHandled(handledBefore + 1);
        assertThat(discord.finalText(plain)).as("auto-reply answers without a mention").isNotBlank();

        assertThat(discord.command(channel, admin, "audit", "recent", "count", 5L))
                .contains("bot.channel").contains("exempt");
        assertThat(discord.command(channel, member, "reset")).contains("Forgotten");
        assertThat(discord.command(channel, member, "stop")).contains("no question");
        assertThat(discord.command(channel, member, "help")).contains("/moderation");
    }

    @Test
    void aTermBlockedForOneChannelIsBlockedThereOnlyAndMembersCannotSetIt() {
        assertThat(discord.send(server.slashCommand(ownRulesChannel, member, "moderation").group("channel").subcommand("terms")
                .option("operation", "add").option("list", "block").option("term", "marmalade")))
                .isEqualTo("Only admins of this server can change moderation.");
        long beforeAdmin = discord.ask(ownRulesChannel, member, "I like marmalade on toast");
        assertThat(discord.finalText(beforeAdmin)).as("the member's attempt changed nothing")
                .doesNotContain("blocked by this chat's moderation");

        assertThat(discord.send(server.slashCommand(ownRulesChannel, admin, "moderation").group("channel").subcommand("terms")
                .option("operation", "add").option("list", "block").option("term", "Marmalade")))
                .isEqualTo("Blocked \"marmalade\" in this channel.");
        long here = discord.ask(ownRulesChannel, member, "I like marmalade on toast");
        long elsewhere = discord.ask(serverRulesChannel, member, "I like marmalade on toast");

        assertThat(discord.finalText(here)).contains("blocked by this chat's moderation");
        assertThat(discord.replyTo(here)).hasSize(1);
        assertThat(discord.finalText(elsewhere)).isNotBlank().doesNotContain("blocked by this chat's moderation");
        assertThat(discord.send(server.slashCommand(ownRulesChannel, admin, "moderation").group("channel").subcommand("show")))
                .contains("blocked terms: marmalade");
        assertThat(discord.send(server.slashCommand(serverRulesChannel, admin, "moderation").group("channel")
                .subcommand("show"))).contains("no moderation of its own");
        assertThat(discord.command(ownRulesChannel, admin, "audit", "recent", "count", 5L))
                .as("the change is audited, naming the channel")
                .containsPattern("moderation\\.channel\\.terms\\.add " + ownRulesChannel + " marmalade");
    }

    @Test
    void helpIsAnOverviewAndExplainsOneCommandInFull() {
        String overview = discord.command(general, member, "help");
        String moderation = discord.command(general, member, "help", "command", "moderation");

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
        assertThat(discord.command(channel, admin, "moderation", "terms", "operation", "add", "list", "block", "term",
                "pineapple")).contains("pineapple");

        discord.restart();
        long question = discord.ask(channel, member, "I love pineapple on pizza");

        assertThat(discord.finalText(question)).contains("blocked by this chat's moderation");
        assertThat(output.getAll()).as("the start-up and chat logs").contains("discord").doesNotContain(server.token());
    }
}
