package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.review.ReviewEffects;
import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeGuild;
import dev.parley.testkit.discord.FakeUser;
import dev.parley.testkit.discord.SentMessage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    private static DiscordBotUnderTest discord;

    @BeforeAll
    static void start() throws Exception {
        server = FakeDiscordServer.start();
        admin = server.createUser("ada");
        member = server.createUser("bob");
        guild = DiscordBotUnderTest.guild(server, "Reviewed", admin, member);
        talk = guild.addTextChannel("talk");
        modLog = guild.addTextChannel("mod-log");
        discord = DiscordBotUnderTest.launch(server, 8, "--parley.access.strikes=0");
        var setChannel = server.slashCommand(talk, admin, "moderation").subcommand("audit-channel")
                .channelOption("channel", modLog);
        assertThat(discord.send(setChannel)).contains(Long.toString(modLog));
    }

    @AfterAll
    static void stop() {
        DiscordBotUnderTest.stop(discord, server);
    }

    @Test
    void aMemberIsRefusedThenAnAdminsFalsePositiveLetsTheSameTextPass() {
        int reportsBefore = (int) server.sentMessages().stream().filter(m -> m.channelId() == modLog).count();
        assertThat(discord.finalText(discord.ask(talk, member, BLOCKED))).contains("blocked by this chat's moderation");
        server.await(() -> server.sentMessages().stream().filter(m -> m.channelId() == modLog).count() > reportsBefore,
                WAIT, () -> "a new report in the audit channel");
        SentMessage report = server.sentMessages().stream().filter(m -> m.channelId() == modLog).toList().getLast();
        List<String> buttons = server.buttons(report.messageId());
        assertThat(buttons).hasSize(5).allMatch(id -> id.startsWith("review:"));
        String falsePositive = buttons.getFirst();

        assertThat(discord.answerTo(server.pressButton(modLog, member, report.messageId(), buttons.getLast())))
                .isEqualTo("Only admins of this chat or server can resolve reviews.");
        assertThat(server.buttons(report.messageId())).hasSize(5);

        assertThat(discord.answerTo(server.pressButton(modLog, admin, report.messageId(), falsePositive)))
                .contains("resolved: false-positive, ").contains(" threshold ");
        server.await(() -> server.buttons(report.messageId()).isEmpty(), WAIT, () -> "the buttons gone");
        assertThat(server.messageContent(report.messageId()).orElseThrow()).startsWith(report.content())
                .contains("Resolved by <@" + admin.id() + ">");
        assertThat(discord.finalText(discord.ask(talk, member, BLOCKED))).isNotBlank()
                .doesNotContain("blocked by this chat's moderation");
    }

    @Test
    void warnRepliesToTheAuthorsBlockedMessage() {
        var addTerm = server.slashCommand(talk, admin, "moderation").subcommand("terms").option("operation", "add")
                .option("list", "block").option("term", "pineapple");
        assertThat(discord.send(addTerm)).contains("pineapple");
        long question = discord.ask(talk, member, "I love pineapple on pizza");
        assertThat(discord.finalText(question)).contains("blocked by this chat's moderation");
        SentMessage report = server.awaitSentMessage(m -> m.channelId() == modLog && m.content().contains("custom"), WAIT);
        String warn = server.buttons(report.messageId()).stream().filter(id -> id.endsWith(":warn")).findFirst()
                .orElseThrow();

        assertThat(discord.answerTo(server.pressButton(modLog, admin, report.messageId(), warn)))
                .contains("resolved: warn, warned user " + member.id());

        server.awaitSentMessage(m -> m.channelId() == talk && Objects.equals(m.replyTo(), question)
                && m.content().equals(ReviewEffects.WARNING), WAIT);
    }
}
