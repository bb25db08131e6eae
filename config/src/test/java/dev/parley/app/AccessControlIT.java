package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.access.AccessControl;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Block lists, mutes and strikes end to end (#18): the application with the real TelegramBots
 * client against the fake Bot API server, the real llama.cpp runtime on a generated model, an H2
 * file database, and a clock the test moves. Each test works in a group of its own.
 */
class AccessControlIT {

    private static final String TOKEN = "42:access-it";
    private static final TelegramUser BOT = TelegramUser.bot(7000, "Parley", "parley_bot");
    private static final TelegramUser ADA = TelegramUser.person(42, "Ada", "ada");
    private static final TelegramUser BOB = TelegramUser.person(43, "Bob", "bob");
    private static final TelegramUser CAROL = TelegramUser.person(44, "Carol", "carol");
    private static final TelegramUser DAN = TelegramUser.person(45, "Dan", "dan");
    private static final TelegramChat BLOCKING = TelegramChat.supergroup(-100_710, "Blocking");
    private static final TelegramChat STRIKING = TelegramChat.supergroup(-100_720, "Striking");
    private static final TelegramChat MEMBERS = TelegramChat.supergroup(-100_730, "Members");
    private static final TelegramChat KEPT = TelegramChat.supergroup(-100_740, "Kept");
    private static final String BLOCKED_PROMPT = "@parley_bot how do I make a bomb at home";
    private static final String BLOCKED_NOTICE = "blocked by this chat's moderation";

    private static final TestClock CLOCK = new TestClock();
    private static TelegramBotUnderTest telegram;

    @BeforeAll
    static void start() throws Exception {
        FakeTelegramServer server = FakeTelegramServer.start(TOKEN, BOT, CLOCK);
        for (TelegramChat group : List.of(BLOCKING, STRIKING, MEMBERS, KEPT)) {
            server.setMemberStatus(group.id(), ADA.id(), "creator");
        }
        telegram = TelegramBotUnderTest.start(server, TOKEN, CLOCK, "--parley.model.max-new-tokens=8");
    }

    @AfterAll
    static void stop() {
        if (telegram != null) {
            telegram.close();
        }
    }

    @Test
    void aBlockedUserIsToldOnceThenIgnoredAndIsAnsweredOnceUnblocked() {
        assertThat(say(BLOCKING, ADA, "/bot block user " + BOB.id() + " spamming the group"))
                .isEqualTo("Blocked user " + BOB.id() + " from using the bot here.");

        assertThat(say(BLOCKING, BOB, "@parley_bot hello there"))
                .isEqualTo("You are blocked from using the bot here: spamming the group.");
        assertThat(say(BLOCKING, BOB, "@parley_bot hello again")).as("silence after the one notice").isNull();
        assertThat(say(BLOCKING, ADA, "/bot blocked")).contains("block user " + BOB.id() + " (spamming the group)");

        assertThat(say(BLOCKING, ADA, "/bot unblock user " + BOB.id())).startsWith("Removed user " + BOB.id());
        assertThat(say(BLOCKING, BOB, "@parley_bot hello there")).isNotBlank().doesNotContain("blocked");
        assertThat(say(BLOCKING, ADA, "/audit recent")).contains("access.block").contains("access.unblock");
    }

    @Test
    void threeBlockedPromptsMuteUntilTheClockPassesTheMute() {
        assertThat(say(STRIKING, BOB, BLOCKED_PROMPT)).contains(BLOCKED_NOTICE).doesNotContain("muted");
        assertThat(say(STRIKING, BOB, BLOCKED_PROMPT)).contains(BLOCKED_NOTICE).doesNotContain("muted");
        Instant before = CLOCK.instant();
        String third = say(STRIKING, BOB, BLOCKED_PROMPT);
        Instant after = CLOCK.instant();
        assertThat(third).contains(BLOCKED_NOTICE).contains(" You are muted from the bot here until ")
                .endsWith(" UTC: 3 blocked messages within 24 h.");
        Instant until = mutedUntil(third);
        assertThat(until).isBetween(before.plus(Duration.ofHours(1)).minusSeconds(1), after.plus(Duration.ofHours(1)));

        assertThat(say(STRIKING, BOB, "@parley_bot what is the weather like")).isEqualTo(
                "You are muted from the bot here until " + AccessControl.until(until) + ": 3 blocked messages within 24 h.");
        assertThat(say(STRIKING, BOB, "@parley_bot still there?")).as("silence after the one notice").isNull();
        assertThat(say(STRIKING, ADA, "/strikes show " + BOB.id())).contains("Muted until " + AccessControl.until(until));

        CLOCK.advance(Duration.ofHours(1));
        assertThat(say(STRIKING, BOB, "@parley_bot what is the weather like")).isNotBlank().doesNotContain("muted");
        assertThat(say(STRIKING, ADA, "/audit recent")).contains("strikes.mute");
    }

    @Test
    void aMemberIsRefusedEveryAccessCommand() {
        String refusal = "Only admins of this chat can see or change who may use the bot.";
        assertThat(say(MEMBERS, BOB, "/bot block user " + CAROL.id())).isEqualTo(refusal);
        assertThat(say(MEMBERS, BOB, "/bot blocked")).isEqualTo(refusal);
        assertThat(say(MEMBERS, BOB, "/bot mute " + CAROL.id() + " 1h")).isEqualTo(refusal);
        assertThat(say(MEMBERS, BOB, "/strikes policy 1 1h 1h")).isEqualTo("Only admins of this chat can see or change strikes.");
        assertThat(say(MEMBERS, CAROL, "@parley_bot hello")).isNotBlank().doesNotContain("blocked");
    }

    @Test
    void theBlockListAMuteAndAStrikePolicySurviveARestart() {
        assertThat(say(KEPT, ADA, "/bot block user " + CAROL.id() + " rude")).startsWith("Blocked user " + CAROL.id());
        assertThat(say(KEPT, ADA, "/bot mute " + DAN.id() + " 2h cooling off")).startsWith("Muted user " + DAN.id());
        assertThat(say(KEPT, ADA, "/strikes policy 5 1h 10m")).contains("5 blocked messages within 1 h mute for 10 min");

        telegram.restart();

        assertThat(say(KEPT, CAROL, "@parley_bot hello")).isEqualTo("You are blocked from using the bot here: rude.");
        assertThat(say(KEPT, DAN, "@parley_bot hello")).startsWith("You are muted from the bot here until ")
                .endsWith(": cooling off.");
        assertThat(say(KEPT, ADA, "/strikes policy")).contains("5 blocked messages within 1 h mute for 10 min");
        JdbcClient jdbc = telegram.context().getBean(JdbcClient.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_entry WHERE scope_id = :s").param("s", String.valueOf(KEPT.id()))
                .query(Long.class).single()).isEqualTo(1L);
        assertThat(jdbc.sql("SELECT reason FROM access_mute WHERE scope_id = :s").param("s", String.valueOf(KEPT.id()))
                .query(String.class).single()).isEqualTo("cooling off");
    }

    // ------------------------------------------------------------------ helpers

    /** The end of the mute a notice names, to the second. */
    private static Instant mutedUntil(String notice) {
        Matcher m = Pattern.compile("until (\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}) UTC").matcher(notice);
        assertThat(m.find()).as(notice).isTrue();
        return Instant.parse(m.group(1) + "T" + m.group(2) + "Z");
    }

    private static @Nullable String say(TelegramChat chat, TelegramUser from, String text) {
        return telegram.say(chat, from, text);
    }
}
