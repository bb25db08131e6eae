package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.moderation.TextNormaliser;
import dev.parley.testkit.telegram.BotMessage;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.Posted;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feedback (#19) on Telegram end to end: the real TelegramBots client against the fake Bot API
 * server, the real llama.cpp runtime on a generated model, H2 in a file. Answers are recorded and
 * message reactions become votes only where an admin turned feedback on; each test works in a
 * group of its own, where the bot is an administrator (Telegram sends reactions only there).
 */
class TelegramFeedbackIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOKEN = "42:feedback-token";
    private static final TelegramUser BOT = TelegramUser.bot(7000, "Parley", "parley_bot");
    private static final TelegramUser ADA = TelegramUser.person(42, "Ada", "ada");
    private static final TelegramUser BOB = TelegramUser.person(43, "Bob", "bob");
    private static final TelegramUser CAROL = TelegramUser.person(44, "Carol", "carol");
    private static final TelegramChat VOTES = TelegramChat.supergroup(-100_910, "Votes");
    private static final TelegramChat OFF = TelegramChat.supergroup(-100_920, "Off");
    private static final TelegramChat OPTED = TelegramChat.supergroup(-100_930, "Opted");
    private static final TelegramChat STRICT = TelegramChat.supergroup(-100_940, "Strict");

    private static FakeTelegramServer server;
    private static TelegramBotUnderTest telegram;

    @BeforeAll
    static void start() throws Exception {
        server = FakeTelegramServer.start(TOKEN, BOT);
        TelegramBotUnderTest.groupsWithAdminBot(server, ADA, BOT, VOTES, OFF, OPTED, STRICT);
        telegram = TelegramBotUnderTest.start(server, TOKEN, null, "--parley.model.max-new-tokens=16");
    }

    @AfterAll
    static void stop() {
        if (telegram != null) {
            telegram.close();
        }
    }

    @Test
    void aThumbOnTheBotsReplyIsStoredReplacedAndDeletedWhereFeedbackIsOn() {
        assertThat(telegram.say(VOTES, ADA, "/bot feedback on")).contains("is now on");
        BotMessage reply = answer(VOTES, BOB, "@parley_bot hello there");
        long exchange = telegram.awaitExchange(VOTES, reply);
        assertThat(telegram.jdbc().sql("SELECT author_id, user_text, answer_text, model_name FROM feedback_exchange WHERE id = ?")
                .param(exchange).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))).single())
                .containsExactly(String.valueOf(BOB.id()), "hello there", reply.text(), "tiny.gguf");

        react(VOTES, ADA, reply, List.of(), List.of("👍"));
        assertThat(vote(exchange, ADA)).contains(1);
        react(VOTES, ADA, reply, List.of("👍"), List.of("👎"));
        assertThat(vote(exchange, ADA)).contains(-1);
        react(VOTES, ADA, reply, List.of("👎"), List.of());
        assertThat(vote(exchange, ADA)).isEmpty();
        assertThat(server.requests("getUpdates")).as("the bot asks for reactions")
                .anySatisfy(poll -> assertThat(String.valueOf(poll.params().get("allowed_updates")))
                        .contains("message_reaction"));
    }

    @Test
    void nothingIsStoredWhereFeedbackIsOff() {
        BotMessage unrecorded = answer(OFF, BOB, "@parley_bot hello there");
        react(OFF, ADA, unrecorded, List.of(), List.of("👍"));
        assertThat(telegram.feedback(OFF).exchanges()).isZero();

        assertThat(telegram.say(OFF, ADA, "/bot feedback on")).contains("is now on");
        BotMessage recorded = answer(OFF, BOB, "@parley_bot good morning");
        long exchange = telegram.awaitExchange(OFF, recorded);
        assertThat(telegram.say(OFF, ADA, "/bot feedback off")).contains("is now off");
        react(OFF, ADA, recorded, List.of(), List.of("👍"));

        assertThat(vote(exchange, ADA)).isEmpty();
        assertThat(telegram.say(OFF, BOB, "/bot feedback on")).startsWith("Only admins");
    }

    @Test
    void anOptedOutUsersExchangeIsNotRecorded() {
        assertThat(telegram.say(OPTED, ADA, "/bot feedback on")).contains("is now on");
        assertThat(telegram.say(OPTED, CAROL, "/bot feedback optout")).startsWith("You opted out");

        BotMessage carols = answer(OPTED, CAROL, "@parley_bot hello there");
        BotMessage bobs = answer(OPTED, BOB, "@parley_bot hello there");
        telegram.awaitExchange(OPTED, bobs);

        assertThat(telegram.exchangeShownBy(OPTED, carols)).isEmpty();
        assertThat(telegram.jdbc().sql("SELECT COUNT(*) FROM feedback_exchange WHERE scope_id = ? AND author_id = ?")
                .param(String.valueOf(OPTED.id())).param(String.valueOf(CAROL.id())).query(Long.class).single()).isZero();
    }

    @Test
    void aReplyWithheldByOutputModerationIsNotRecorded() {
        assertThat(telegram.say(STRICT, ADA, "/bot feedback on")).contains("is now on");
        String prompt = "tell me a story";
        BotMessage learned = answer(STRICT, BOB, "@parley_bot " + prompt);
        telegram.awaitExchange(STRICT, learned);
        TextNormaliser normaliser = new TextNormaliser();
        String unsafe = Arrays.stream(normaliser.normalise(learned.text()).strip().split(" ")).skip(1)
                .filter(word -> word.length() >= 3 && !normaliser.normalise(prompt).contains(" " + word + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no word to block in: " + learned.text()));
        assertThat(telegram.say(STRICT, ADA, "/moderation terms add block " + unsafe)).contains(unsafe);

        BotMessage withheld = answer(STRICT, BOB, "@parley_bot " + prompt);

        assertThat(withheld.text()).contains("withheld");
        assertThat(telegram.exchangeShownBy(STRICT, withheld)).isEmpty();
        assertThat(telegram.feedback(STRICT).exchanges()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ helpers

    /** {@code from} writes {@code text}; the bot's answer as the chat shows it once everything is out. */
    private static BotMessage answer(TelegramChat chat, TelegramUser from, String text) {
        Posted asked = telegram.post(chat, from, text);
        return server.repliesTo(chat.id(), asked.messageId()).stream().filter(m -> !m.deleted()).findFirst()
                .orElseThrow(() -> new AssertionError("no answer to " + text));
    }

    private static void react(TelegramChat chat, TelegramUser from, BotMessage on, List<String> before,
            List<String> after) {
        long handledBefore = telegram.adapter().messagesHandled();
        assertThat(server.userReacts(chat, from, on.messageId(), before, after)).as("Telegram sends the reaction")
                .isTrue();
        telegram.awaitHandled(handledBefore + 1);
    }

    private static Optional<Integer> vote(long exchange, TelegramUser voter) {
        return telegram.jdbc().sql("SELECT vote FROM feedback_vote WHERE exchange_id = ? AND voter_id = ?")
                .param(exchange).param(String.valueOf(voter.id())).query(Integer.class).optional();
    }
}
