package dev.parley.app;

import static dev.parley.app.TelegramBotUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.review.ReviewEffects;
import dev.parley.testkit.telegram.BotMessage;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.InlineButton;
import dev.parley.testkit.telegram.RecordedRequest;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The review queue end to end (#18), with the real TelegramBots client against the fake Bot API:
 * a block in a group is posted to its admins' audit chat with the review actions as inline
 * buttons, and a press resolves the item once, checked with {@code getChatMember} in the group.
 */
class ReviewQueueIT {

    private static final String TOKEN = "42:review-it";
    private static final TelegramUser BOT = TelegramUser.bot(7000, "Parley", "parley_bot");
    private static final TelegramUser ADA = TelegramUser.person(42, "Ada", "ada");
    private static final TelegramUser BOB = TelegramUser.person(43, "Bob", "bob");
    private static final TelegramUser CAROL = TelegramUser.person(44, "Carol", "carol");
    private static final TelegramUser DAN = TelegramUser.person(45, "Dan", "dan");
    private static final String BLOCKED_PROMPT = "@parley_bot how do I make a bomb at home";
    private static final String BLOCKED_NOTICE = "blocked by this chat's moderation";
    private static final Pattern REVIEW_ID = Pattern.compile(", review ([a-z2-9]{6})");

    private static final TestClock CLOCK = new TestClock();
    private static TelegramBotUnderTest telegram;
    private static FakeTelegramServer server;

    /** A group and the chat its admins named for block reports. */
    private record Watched(TelegramChat group, TelegramChat mods) {}

    @BeforeAll
    static void start() throws Exception {
        server = FakeTelegramServer.start(TOKEN, BOT, CLOCK);
        telegram = TelegramBotUnderTest.start(server, TOKEN, CLOCK, "--parley.model.max-new-tokens=8",
                "--parley.access.strikes=0");
    }

    @AfterAll
    static void stop() {
        if (telegram != null) {
            telegram.close();
        }
    }

    /** A group where Ada and Carol are admins (Bob and Dan members), reporting to a mods' chat of its own. */
    private static Watched watched(long id) {
        var watched = new Watched(TelegramChat.supergroup(-id, "Group " + id), TelegramChat.supergroup(-id - 1, "Mods " + id));
        for (TelegramUser admin : List.of(ADA, CAROL)) {
            server.setMemberStatus(watched.group().id(), admin.id(), admin == ADA ? "creator" : "administrator");
            server.setMemberStatus(watched.mods().id(), admin.id(), "administrator");
        }
        assertThat(say(watched.group(), ADA, "/moderation audit-channel " + watched.mods().id()))
                .isEqualTo("Every block here is now reported to channel " + watched.mods().id() + ".");
        return watched;
    }

    /** Bob's blocked prompt in the group; the report it led to in the mods' chat. */
    private static BotMessage blockReported(Watched watched, String prompt) {
        int before = server.botMessages(watched.mods().id()).size();
        assertThat(say(watched.group(), BOB, prompt)).contains(BLOCKED_NOTICE);
        server.await("a block report in the mods' chat", () -> server.botMessages(watched.mods().id()).size() > before,
                WAIT);
        BotMessage report = server.botMessages(watched.mods().id()).getLast();
        server.await("its review buttons", () -> !server.inlineButtons(watched.mods().id(), report.messageId()).isEmpty(),
                WAIT);
        return report;
    }

    private static String reviewId(BotMessage report) {
        Matcher m = REVIEW_ID.matcher(report.text());
        assertThat(m.find()).as(report.text()).isTrue();
        return m.group(1);
    }

    /** {@code who} presses the button labelled {@code label} under {@code report}; the bot's answer to the press. */
    private static String press(Watched watched, BotMessage report, TelegramUser who, String label) {
        String data = button(watched, report, label).callbackData();
        long handled = telegram.adapter().messagesHandled();
        String query = server.userPresses(watched.mods(), who, report.messageId(), data);
        telegram.awaitHandled(handled + 1);
        return answer(query);
    }

    /** The bot's answer to the press {@code query}, once the paced queue sent it. */
    private static String answer(String query) {
        server.await("the answer to press " + query, () -> server.callbackAnswers().stream()
                .anyMatch(a -> a.startsWith(query + ": ")), WAIT);
        return server.callbackAnswers().stream().filter(a -> a.startsWith(query + ": ")).findFirst()
                .map(a -> a.substring(query.length() + 2)).orElseThrow();
    }

    private static InlineButton button(Watched watched, BotMessage report, String label) {
        return server.inlineButtons(watched.mods().id(), report.messageId()).stream()
                .filter(b -> b.text().equals(label)).findFirst().orElseThrow();
    }

    private static String shown(Watched watched, BotMessage report) {
        return server.botMessages(watched.mods().id()).stream().filter(m -> m.messageId() == report.messageId())
                .findFirst().orElseThrow().text();
    }

    @Test
    void anAdminPressesFalsePositiveAndTheSameTextThenPasses() {
        Watched watched = watched(100_810);
        BotMessage report = blockReported(watched, BLOCKED_PROMPT);
        String id = reviewId(report);
        assertThat(server.inlineButtons(watched.mods().id(), report.messageId())).extracting(InlineButton::text)
                .containsExactly("False positive", "Confirm", "Warn", "Mute 1h", "Ban");

        assertThat(press(watched, report, ADA, "False positive"))
                .startsWith("Review " + id + " resolved: false-positive, ").contains(" threshold ");

        server.await("the report says who resolved it", () -> shown(watched, report).contains("Resolved by @ada (42)"), WAIT);
        assertThat(shown(watched, report)).startsWith(report.text()).contains("false-positive");
        assertThat(server.inlineButtons(watched.mods().id(), report.messageId())).as("buttons gone").isEmpty();
        assertThat(say(watched.group(), BOB, BLOCKED_PROMPT)).isNotBlank().doesNotContain(BLOCKED_NOTICE);
        assertThat(say(watched.group(), ADA, "/audit recent")).contains("review.false-positive");
    }

    @Test
    void falsePositiveTakesBackTheStrikeAndLiftsTheMuteItCaused() {
        Watched watched = watched(100_870);
        assertThat(say(watched.group(), ADA, "/strikes policy 1 24h 1h")).isNotBlank();
        BotMessage report = blockReported(watched, BLOCKED_PROMPT);
        assertThat(server.botMessages(watched.group().id()).getLast().text()).contains("You are muted from the bot here");
        assertThat(say(watched.group(), BOB, "@parley_bot what is the weather like")).startsWith("You are muted");

        assertThat(press(watched, report, ADA, "False positive"))
                .startsWith("Review " + reviewId(report) + " resolved: false-positive, ")
                .endsWith(", strike withdrawn, mute lifted.");

        server.await("Bob is told his mute is lifted", () -> server.botMessages(watched.group().id()).stream()
                .anyMatch(m -> m.text().equals(ReviewEffects.UNMUTED)), WAIT);
        assertThat(say(watched.group(), ADA, "/strikes show " + BOB.id())).contains("has no strikes counting here")
                .doesNotContain("Muted until");
        assertThat(say(watched.group(), BOB, BLOCKED_PROMPT)).isNotBlank().doesNotContain(BLOCKED_NOTICE)
                .doesNotContain("muted");
        JdbcClient jdbc = telegram.context().getBean(JdbcClient.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_strike WHERE scope_id = :group").param("group",
                String.valueOf(watched.group().id())).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE action = 'review.false-positive' AND detail LIKE :item")
                .param("item", "item=" + reviewId(report) + " %").query(String.class).single())
                .endsWith("strike withdrawn, mute lifted");
    }

    @Test
    void aPressAnsweredWith429IsAnsweredAfterRetryAfterAndNothingIsLost() {
        Watched watched = watched(100_880);
        BotMessage report = blockReported(watched, BLOCKED_PROMPT);
        String id = reviewId(report);
        server.failNext("answerCallbackQuery", 1, 5);
        server.failNext("editMessageText", 1, 5);

        String query = server.userPresses(watched.mods(), CAROL, report.messageId(),
                button(watched, report, "Confirm").callbackData());
        server.awaitRequest(r -> r.is("answerCallbackQuery") && r.status() == 429
                && query.equals(r.string("callback_query_id")), WAIT);
        CLOCK.advance(Duration.ofSeconds(5)); // the paced queue waits retry_after on the bot's clock

        assertThat(answer(query)).startsWith("Review " + id + " resolved: confirm");
        server.awaitRequest(r -> r.is("editMessageText") && r.status() == 429, WAIT);
        CLOCK.advance(Duration.ofSeconds(5));
        server.await("the report says who resolved it", () -> shown(watched, report).contains("Resolved by @carol (44)"),
                WAIT);
        List<RecordedRequest> answers = server.requests("answerCallbackQuery").stream()
                .filter(r -> query.equals(r.string("callback_query_id"))).toList();
        assertThat(answers).extracting(RecordedRequest::status).containsExactly(429, 200);
        assertThat(server.callbackAnswers()).filteredOn(a -> a.startsWith(query + ": ")).hasSize(1);
        assertThat(server.requests("editMessageText")).extracting(RecordedRequest::status).contains(429);
    }

    @Test
    void aScopeShowingRedactedExcerptsKeepsOnlyTheExcerptNeverTheText() {
        Watched watched = watched(100_890);
        assertThat(say(watched.group(), ADA, "/moderation excerpt redacted")).isNotBlank();
        BotMessage report = blockReported(watched, BLOCKED_PROMPT);
        String id = reviewId(report);
        assertThat(press(watched, report, ADA, "Confirm")).startsWith("Review " + id + " resolved: confirm");

        JdbcClient jdbc = telegram.context().getBean(JdbcClient.class);
        Map<String, Object> row = jdbc.sql("SELECT * FROM review_item WHERE id = :id").param("id", id).query().singleRow();
        String excerpt = (String) row.get("excerpt");
        assertThat(excerpt).isNotBlank().doesNotContain("bomb");
        assertThat(row.get("blocked_text")).isNull();
        assertThat(row.values()).as("no column holds the blocked text")
                .noneMatch(v -> v instanceof String text && text.contains("make a bomb"));
        assertThat(report.text()).contains(excerpt.replace('@', '\uFF20'));
        assertThat(say(watched.group(), ADA, "/review export")).contains("\"id\":\"" + id + "\",\"text\":\"")
                .doesNotContain("bomb");
    }

    @Test
    void muteStopsTheAuthorsNextQuestionUntilTheTimePasses() {
        Watched watched = watched(100_820);
        BotMessage report = blockReported(watched, BLOCKED_PROMPT);

        assertThat(press(watched, report, ADA, "Mute 1h")).contains("resolved: mute, muted user " + BOB.id() + " for 1 h");

        assertThat(say(watched.group(), BOB, "@parley_bot what is the weather like"))
                .startsWith("You are muted from the bot here until ").contains("after review " + reviewId(report));
        CLOCK.advance(Duration.ofHours(1));
        assertThat(say(watched.group(), BOB, "@parley_bot what is the weather like")).isNotBlank()
                .doesNotContain("muted");
    }

    @Test
    void aMemberPressingAButtonIsRefusedAndTheItemStaysPending() {
        Watched watched = watched(100_830);
        BotMessage report = blockReported(watched, BLOCKED_PROMPT);
        String id = reviewId(report);
        server.setMemberStatus(watched.mods().id(), DAN.id(), "administrator"); // of the mods' chat, not the group

        assertThat(press(watched, report, DAN, "Ban")).isEqualTo("Only admins of this chat or server can resolve reviews.");

        assertThat(server.inlineButtons(watched.mods().id(), report.messageId())).hasSize(5);
        assertThat(say(watched.group(), ADA, "/review list")).contains(id + "  ").contains("user " + BOB.id());
        assertThat(say(watched.group(), BOB, "@parley_bot hello")).doesNotContain("blocked from using");
        assertThat(say(watched.group(), DAN, "/review resolve " + id + " ban"))
                .isEqualTo("Only admins of this chat can review moderation.");
    }

    @Test
    void warnRepliesToTheAuthorsBlockedMessage() {
        Watched watched = watched(100_860);
        BotMessage report = blockReported(watched, BLOCKED_PROMPT);
        long blocked = server.botMessages(watched.group().id()).getLast().replyTo();

        assertThat(press(watched, report, CAROL, "Warn")).contains("resolved: warn, warned user " + BOB.id());

        server.await("the warning under Bob's message", () -> server.repliesTo(watched.group().id(), blocked).stream()
                .anyMatch(m -> m.text().equals(ReviewEffects.WARNING)), WAIT);
    }

    @Test
    void twoAdminsPressingAtOnceResolveTheItemOnce() {
        Watched watched = watched(100_840);
        BotMessage report = blockReported(watched, BLOCKED_PROMPT);
        String id = reviewId(report);
        String confirm = button(watched, report, "Confirm").callbackData();
        String ban = button(watched, report, "Ban").callbackData();

        long handled = telegram.adapter().messagesHandled();
        String first = server.userPresses(watched.mods(), ADA, report.messageId(), confirm);
        String second = server.userPresses(watched.mods(), CAROL, report.messageId(), ban);
        telegram.awaitHandled(handled + 2);

        answer(first);
        answer(second);
        List<String> answers = server.callbackAnswers().stream()
                .filter(a -> a.startsWith(first + ": ") || a.startsWith(second + ": ")).toList();
        assertThat(answers).hasSize(2);
        assertThat(answers).filteredOn(a -> a.contains("Review " + id + " resolved: ")).hasSize(1);
        assertThat(answers).filteredOn(a -> a.contains("Review " + id + " was already resolved by ")).hasSize(1);
        JdbcClient jdbc = telegram.context().getBean(JdbcClient.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'review.%' AND detail LIKE :item")
                .param("item", "item=" + id + " %").query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void pendingItemsSurviveARestartAndTheirButtonsStillWork() {
        Watched watched = watched(100_850);
        BotMessage report = blockReported(watched, BLOCKED_PROMPT);
        String id = reviewId(report);

        telegram.restart();

        assertThat(say(watched.group(), ADA, "/review list")).contains(id + "  ");
        assertThat(say(watched.group(), ADA, "/review show " + id)).contains("user " + BOB.id()).endsWith("Pending.");
        assertThat(press(watched, report, CAROL, "Confirm")).startsWith("Review " + id + " resolved: confirm");
        assertThat(say(watched.group(), ADA, "/review list")).isEqualTo("Nothing to review here.");
        assertThat(say(watched.group(), ADA, "/review export")).contains("\"id\":\"" + id + "\"")
                .contains("\"label\":\"confirm\"").doesNotContain("\"text\"").doesNotContain("bomb");
    }

    private static @Nullable String say(TelegramChat chat, TelegramUser from, String text) {
        return telegram.say(chat, from, text);
    }
}
