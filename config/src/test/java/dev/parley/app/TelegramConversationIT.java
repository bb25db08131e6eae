package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.telegram.TelegramAdapter;
import dev.parley.testkit.telegram.BotMessage;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.Posted;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Parley on Telegram end to end: the application's Spring context with the adapter (the real
 * TelegramBots client, on the OkHttp that JDA brings too) against a fake Bot API server on
 * 127.0.0.1, and the real llama.cpp runtime on a generated model. Settings live in an H2 file, so
 * a restarted bot finds them again; each test that changes settings does so in a group of its own.
 */
class TelegramConversationIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOKEN = "42:it-token";
    private static final TelegramUser BOT = TelegramUser.bot(7000, "Parley", "parley_bot");
    private static final TelegramUser ADA = TelegramUser.person(42, "Ada", "ada");
    private static final TelegramUser BOB = TelegramUser.person(43, "Bob", "bob");
    private static final TelegramChat ADA_DM = TelegramChat.privateWith(ADA);
    private static final TelegramChat BOB_DM = TelegramChat.privateWith(BOB);
    private static final TelegramChat GROUP = TelegramChat.supergroup(-100_100, "Lounge");
    private static final TelegramChat ADMIN_GROUP = TelegramChat.supergroup(-100_200, "Admins at work");
    private static final TelegramChat AUTO_GROUP = TelegramChat.supergroup(-100_300, "Chatty");
    private static final TelegramChat KEPT_GROUP = TelegramChat.supergroup(-100_400, "Kept");
    private static final String BLOCKED_NOTICE = "blocked by this chat's moderation";

    private static FakeTelegramServer server;
    private static TelegramBotUnderTest telegram;

    @BeforeAll
    static void start() throws Exception {
        server = FakeTelegramServer.start(TOKEN, BOT);
        for (TelegramChat group : List.of(GROUP, ADMIN_GROUP, AUTO_GROUP, KEPT_GROUP)) {
            server.setMemberStatus(group.id(), ADA.id(), "creator");
        }
        telegram = TelegramBotUnderTest.start(server, TOKEN, null, "--parley.model.max-new-tokens=16");
    }

    @AfterAll
    static void stop() {
        if (telegram != null) {
            telegram.close();
        }
    }

    // ------------------------------------------------------------------ chat

    @Test
    void aPrivateMessageIsAnsweredInPlainTextAsAReplyToIt() {
        long handledBefore = adapter().messagesHandled();
        Posted hello = server.userSends(ADA_DM, ADA, "hello there");
        awaitHandled(handledBefore + 1);

        BotMessage reply = server.repliesTo(ADA.id(), hello.messageId()).getFirst();
        assertThat(reply.text()).isNotBlank();
        assertThat(server.requests("sendMessage")).allSatisfy(send ->
                assertThat(send.params()).doesNotContainKey("parse_mode"));
        assertThat(server.commands()).containsKeys("default", "all_chat_administrators", "all_private_chats");
    }

    @Test
    void aGroupMentionIsAnsweredWhileAnUnaddressedGroupMessageIsIgnored() {
        long handledBefore = adapter().messagesHandled();
        Posted chatter = server.userSends(GROUP, BOB, "just chatting with friends");
        Posted mention = server.userSends(GROUP, ADA, "@parley_bot hello there");
        awaitHandled(handledBefore + 2);

        assertThat(finalText(mention)).isNotBlank();
        assertThat(server.repliesTo(GROUP.id(), chatter.messageId())).isEmpty();
    }

    @Test
    void aBlockedPromptGetsOnlyTheNotice() {
        String notice = say(BOB_DM, BOB, "how do I make a bomb at home");

        assertThat(notice).contains(BLOCKED_NOTICE);
        assertThat(server.botMessages(BOB.id())).filteredOn(m -> m.text().contains("bomb")).isEmpty();
    }

    @Test
    void aBareCommandInAGroupIsAnsweredAndACommandForAnotherBotIsNot() {
        long handledBefore = adapter().messagesHandled();
        Posted other = server.userSends(GROUP, BOB, "/help@echo_bot");
        Posted ours = server.userSends(GROUP, BOB, "/help");
        awaitHandled(handledBefore + 2);

        assertThat(finalText(ours)).startsWith("Commands:");
        assertThat(server.repliesTo(GROUP.id(), other.messageId())).isEmpty();
    }

    // ------------------------------------------------------------------ admin commands

    @Test
    void eachAdminCommandAnswersAnAdminAndRefusesAMember() {
        TelegramChat at = ADMIN_GROUP;
        assertThat(say(at, ADA, "/moderation show")).containsIgnoringCase("moderat");
        assertThat(say(at, ADA, "/moderation category violence flag 0.7")).contains("violence");
        assertThat(say(at, ADA, "/moderation terms add block kumquat")).contains("kumquat");
        assertThat(say(at, ADA, "/moderation test a kumquat please")).startsWith("Would be blocked");
        assertThat(say(at, ADA, "/ratelimit set user 100 10")).contains("user 100/min");
        assertThat(say(at, ADA, "/bot channel mention-only")).contains("mention-only");
        assertThat(say(at, ADA, "/audit recent")).contains("audit").contains("ratelimit.set");

        assertThat(say(at, BOB, "/moderation show")).isEqualTo("Only admins of this chat can change moderation.");
        assertThat(say(at, BOB, "/moderation category violence off")).startsWith("Only admins");
        assertThat(say(at, BOB, "/moderation terms add allow kumquat")).startsWith("Only admins");
        assertThat(say(at, BOB, "/moderation test kumquat")).startsWith("Only admins");
        assertThat(say(at, BOB, "/ratelimit set user 1000")).startsWith("Only admins");
        assertThat(say(at, BOB, "/bot channel off")).startsWith("Only admins");
        assertThat(say(at, BOB, "/audit recent")).startsWith("Only admins");
        assertThat(server.requests("getChatMember")).extracting(r -> r.number("user_id")).contains(ADA.id(), BOB.id());
    }

    @Test
    void whereAnAdminTurnedAutoReplyOnEveryGroupMessageIsAnswered() {
        assertThat(say(AUTO_GROUP, ADA, "/bot channel auto-reply")).contains("auto-reply");

        assertThat(say(AUTO_GROUP, BOB, "nice weather today")).isNotBlank();
    }

    @Test
    void anAdminManagesAGroupFromTheirPrivateChat() {
        server.botIsIn(KEPT_GROUP);
        assertThat(say(ADA_DM, ADA, "/manage " + KEPT_GROUP.id())).contains("now apply to Kept");
        assertThat(say(ADA_DM, ADA, "/moderation terms list")).contains("Blocked terms");
        assertThat(say(ADA_DM, ADA, "/manage off")).contains("this private chat again");

        assertThat(say(BOB_DM, BOB, "/manage " + KEPT_GROUP.id())).startsWith("Only admins of Kept");
    }

    @Test
    void aGroupsBlocksArePostedToTheAuditChatItsAdminNamed() {
        TelegramChat reporting = TelegramChat.supergroup(-100_500, "Reported");
        TelegramChat mods = TelegramChat.supergroup(-100_600, "Mods");
        server.setMemberStatus(reporting.id(), ADA.id(), "creator");
        server.setMemberStatus(mods.id(), ADA.id(), "administrator");

        assertThat(say(reporting, ADA, "/moderation audit-channel " + mods.id()))
                .isEqualTo("Every block here is now reported to channel " + mods.id() + ".");
        assertThat(say(reporting, BOB, "@parley_bot how do I make a bomb at home")).contains(BLOCKED_NOTICE);

        server.await("a block report in the mods' chat", () -> !server.botMessages(mods.id()).isEmpty(), WAIT);
        assertThat(server.botMessages(mods.id()).getFirst().text())
                .startsWith("Input blocked: user " + BOB.id() + " in chat " + reporting.id() + ", ")
                .containsPattern("sha256 [0-9a-f]{16}").doesNotContain("bomb");
    }

    // ------------------------------------------------------------------ restart

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void settingsSurviveARestartThatStopsCleanlyAndLosesNoUpdate(CapturedOutput output) throws InterruptedException {
        assertThat(say(KEPT_GROUP, ADA, "/moderation terms add block pineapple")).contains("pineapple");
        TelegramAdapter first = adapter();

        telegram.stop();
        assertThat(first.awaitClosed(Duration.ZERO)).as("closed with the application").isTrue();
        assertThat(server.unconfirmedUpdates()).isEmpty();
        // on close the adapter confirms what it handled with a poll that does not wait
        assertThat(server.requests("getUpdates")).anySatisfy(poll -> {
            assertThat(poll.number("timeout")).isZero();
            assertThat(poll.ok()).isTrue();
        });
        Posted whileDown = server.userSends(KEPT_GROUP, BOB, "@parley_bot I love pineapple on pizza");
        telegram.startAgain();

        awaitHandled(1);
        assertThat(finalText(whileDown)).contains(BLOCKED_NOTICE);
        assertThat(server.repliesTo(KEPT_GROUP.id(), whileDown.messageId())).hasSize(1);
        assertThat(output.getAll()).as("the start-up and chat logs").contains("Telegram").doesNotContain(TOKEN);
    }

    @Test
    void aRefusedTokenStopsStartUpWithOneClearLine() throws Exception {
        var err = new ByteArrayOutputStream();
        try (FakeTelegramServer other = FakeTelegramServer.start("42:right-token", BOT)) {
            int status = new Launcher(new PrintStream(err, true, StandardCharsets.UTF_8)).run(
                    "--parley.console.enabled=false",
                    "--parley.telegram.token=42:wrong-token",
                    "--parley.telegram.api-url=" + other.baseUri(),
                    "--parley.model.path=" + telegram.model(),
                    "--parley.model.context-size=512",
                    "--spring.datasource.url=jdbc:h2:mem:telegram-refused;DB_CLOSE_DELAY=-1");

            assertThat(status).isEqualTo(Launcher.CANNOT_START);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .startsWith("parley: cannot start: Telegram refused the token (401")
                    .doesNotContain("wrong-token");
            assertThat(other.requests("getUpdates")).isEmpty();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static TelegramAdapter adapter() {
        return telegram.adapter();
    }

    private static @Nullable String say(TelegramChat chat, TelegramUser from, String text) {
        return telegram.say(chat, from, text);
    }

    private static void awaitHandled(long count) {
        telegram.awaitHandled(count);
    }

    private static @Nullable String finalText(Posted posted) {
        return telegram.replyTo(posted);
    }
}
