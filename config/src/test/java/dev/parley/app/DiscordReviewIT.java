package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.ChatModel;
import dev.parley.core.review.ReviewEffects;
import dev.parley.discord.DiscordAdapter;
import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeGuild;
import dev.parley.testkit.discord.FakeInteraction;
import dev.parley.testkit.discord.FakeUser;
import dev.parley.testkit.discord.RecordedRequest;
import dev.parley.testkit.discord.SentMessage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The review queue's buttons on Discord (#18), with the real JDA client against the fake server: a
 * block report in the server's audit channel carries the review actions as message buttons, and a
 * press (a component interaction) resolves the item once, checked against the presser's permissions.
 */
class DiscordReviewIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BLOCKED = "how do I make a bomb at home";

    private static FakeDiscordServer server;
    private static FakeGuild guild;
    private static long talk;
    private static long modLog;
    private static FakeUser admin;
    private static FakeUser member;
    private static ConfigurableApplicationContext bot;

    @BeforeAll
    static void start() throws Exception {
        server = FakeDiscordServer.start();
        guild = server.createGuild("Reviewed");
        admin = server.createUser("ada");
        member = server.createUser("bob");
        guild.addMember(admin, guild.adminRoleId());
        guild.addMember(member);
        talk = guild.addTextChannel("talk");
        modLog = guild.addTextChannel("mod-log");
        bot = DiscordBotUnderTest.start(server, 8, "--parley.access.strikes=0");
        var setChannel = server.slashCommand(talk, admin, "moderation").subcommand("audit-channel")
                .channelOption("channel", modLog);
        assertThat(answerTo(setChannel.send())).contains(Long.toString(modLog));
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

    @Test
    void aMemberIsRefusedThenAnAdminsFalsePositiveLetsTheSameTextPass() {
        int reportsBefore = (int) server.sentMessages().stream().filter(m -> m.channelId() == modLog).count();
        assertThat(finalText(ask(member, BLOCKED))).contains("blocked by this chat's moderation");
        server.await(() -> server.sentMessages().stream().filter(m -> m.channelId() == modLog).count() > reportsBefore,
                WAIT, () -> "a new report in the audit channel");
        SentMessage report = server.sentMessages().stream().filter(m -> m.channelId() == modLog).toList().getLast();
        List<String> buttons = server.buttons(report.messageId());
        assertThat(buttons).hasSize(5).allMatch(id -> id.startsWith("review:"));
        String falsePositive = buttons.getFirst();

        assertThat(answerTo(server.pressButton(modLog, member, report.messageId(), buttons.getLast())))
                .isEqualTo("Only admins of this chat or server can resolve reviews.");
        assertThat(server.buttons(report.messageId())).hasSize(5);

        assertThat(answerTo(server.pressButton(modLog, admin, report.messageId(), falsePositive)))
                .contains("resolved: false-positive, ").contains(" threshold ");
        server.await(() -> server.buttons(report.messageId()).isEmpty(), WAIT, () -> "the buttons gone");
        assertThat(server.messageContent(report.messageId()).orElseThrow()).startsWith(report.content())
                .contains("Resolved by <@" + admin.id() + ">");
        assertThat(finalText(ask(member, BLOCKED))).isNotBlank().doesNotContain("blocked by this chat's moderation");
    }

    @Test
    void warnRepliesToTheAuthorsBlockedMessage() {
        var addTerm = server.slashCommand(talk, admin, "moderation").subcommand("terms").option("operation", "add")
                .option("list", "block").option("term", "pineapple");
        assertThat(answerTo(addTerm.send())).contains("pineapple");
        long question = ask(member, "I love pineapple on pizza");
        assertThat(finalText(question)).contains("blocked by this chat's moderation");
        SentMessage report = server.awaitSentMessage(m -> m.channelId() == modLog && m.content().contains("custom"), WAIT);
        String warn = server.buttons(report.messageId()).stream().filter(id -> id.endsWith(":warn")).findFirst()
                .orElseThrow();

        assertThat(answerTo(server.pressButton(modLog, admin, report.messageId(), warn)))
                .contains("resolved: warn, warned user " + member.id());

        server.awaitSentMessage(m -> m.channelId() == talk && Objects.equals(m.replyTo(), question)
                && m.content().equals(ReviewEffects.WARNING), WAIT);
    }

    private static DiscordAdapter adapter() {
        return bot.getBean(DiscordAdapter.class);
    }

    private static long ask(FakeUser author, String text) {
        long handledBefore = adapter().messagesHandled();
        long id = server.postMessage(talk, author, server.botUser().mention() + " " + text);
        server.await(() -> adapter().messagesHandled() >= handledBefore + 1 && adapter().outbound().pending() == 0
                && bot.getBean(ChatModel.class).busySlots() == 0, WAIT, () -> "the question handled");
        return id;
    }

    /** The ephemeral answer to an interaction: the deferred reply's edit. */
    private static String answerTo(FakeInteraction interaction) {
        RecordedRequest answer = server.awaitRequest(r -> r.matches("PATCH",
                "webhooks/*/" + interaction.token() + "/messages/@original") && r.status() < 300, WAIT);
        return String.valueOf(answer.json().get("content"));
    }

    private static @Nullable String finalText(long question) {
        List<Long> ids = server.sentMessages().stream()
                .filter(m -> m.kind() == SentMessage.Kind.CREATE && Objects.equals(m.replyTo(), question))
                .map(SentMessage::messageId).toList();
        return ids.isEmpty() ? null : server.messageContent(ids.getFirst()).orElse(null);
    }
}
