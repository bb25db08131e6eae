package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.dataset.DatasetCommand;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.testkit.telegram.BotMessage;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.InlineButton;
import dev.parley.testkit.telegram.Posted;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.Environment;

/**
 * The inline Regenerate button (#19) on Telegram end to end: the real TelegramBots client against
 * the fake Bot API server (a press is a {@code callback_query}), the real llama.cpp runtime on a
 * generated model answering greedily (a regenerated answer has the same text, in a new message),
 * H2 in a file. Each test works in a group of its own, where the bot is an administrator.
 */
class TelegramRegenerateIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOKEN = "42:regenerate-token";
    private static final TelegramUser BOT = TelegramUser.bot(7000, "Parley", "parley_bot");
    private static final TelegramUser ADA = TelegramUser.person(42, "Ada", "ada");
    private static final TelegramUser BOB = TelegramUser.person(43, "Bob", "bob");
    private static final TelegramUser CAROL = TelegramUser.person(44, "Carol", "carol");
    private static final TelegramChat ON = TelegramChat.supergroup(-100_810, "On");
    private static final TelegramChat OFF = TelegramChat.supergroup(-100_820, "Off");
    private static final TelegramChat STRICT = TelegramChat.supergroup(-100_830, "Strict");
    private static final TelegramChat LIMITED = TelegramChat.supergroup(-100_840, "Limited");

    private static FakeTelegramServer server;
    private static TelegramBotUnderTest telegram;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = FakeTelegramServer.start(TOKEN, BOT);
        TelegramBotUnderTest.groupsWithAdminBot(server, ADA, BOT, ON, OFF, STRICT, LIMITED);
        telegram = TelegramBotUnderTest.start(server, TOKEN, null, "--parley.model.max-new-tokens=16");
    }

    @AfterAll
    static void stop() {
        if (telegram != null) {
            telegram.close();
        }
    }

    @Test
    void theAskersPressReplacesTheAnswerAndTheLinkedExchangesMakeAPreferencePair() throws Exception {
        assertThat(telegram.say(ON, ADA, "/bot feedback on")).contains("is now on");
        Posted question = telegram.post(ON, BOB, "@parley_bot hello there");
        BotMessage first = answerTo(ON, question, 0);
        long firstExchange = telegram.awaitExchange(ON, first);
        awaitButton(first);

        assertThat(press(ON, BOB, first)).isEqualTo("Writing another answer; it will replace this one.");

        BotMessage second = awaitAnswerTo(ON, question, 1);
        server.await("the replaced answer deleted", () -> message(ON, first.messageId()).deleted(), WAIT);
        awaitButton(second);
        assertThat(second.text()).as("greedy sampling gives the same text").isEqualTo(first.text());
        long secondExchange = telegram.awaitExchange(ON, second);
        assertThat(telegram.jdbc().sql("SELECT replaces_id FROM feedback_exchange WHERE id = ?").param(secondExchange)
                .query(Long.class).single()).isEqualTo(firstExchange);

        long handledBefore = telegram.adapter().messagesHandled();
        assertThat(server.userReacts(ON, ADA, second.messageId(), List.of(), List.of("👍"))).isTrue();
        telegram.awaitHandled(handledBefore + 1);
        Path out = dir.resolve("ds");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Environment env = telegram.context().getEnvironment();
        int status = new DatasetCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("PARLEY_DATABASE_USER", env.getProperty("spring.datasource.username", "parley"),
                        "PARLEY_DATABASE_PASSWORD", env.getProperty("spring.datasource.password", "")),
                InstantSource.system())
                .run(List.of("export", "--scope", "telegram:" + ON.id(), "--since",
                        LocalDate.now(ZoneOffset.UTC).minusDays(1).toString(), "--lexical-only", "--database-url",
                        env.getProperty("spring.datasource.url"), "--out", out.toString()));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        // the regeneration liked, the original replaced: a pair, but greedy sampling repeated the text
        assertThat(Files.readAllLines(out.resolve("dpo.jsonl"))).as("no pair of two equal answers").isEmpty();
        assertThat(Files.readString(out.resolve("manifest.json"))).containsPattern("\"identical_pairs\"\\s*:\\s*1");
    }

    @Test
    void nothingIsStoredWhereFeedbackIsOff() {
        Posted question = telegram.post(OFF, BOB, "@parley_bot good morning");
        BotMessage first = answerTo(OFF, question, 0);
        awaitButton(first);

        assertThat(press(OFF, BOB, first)).startsWith("Writing another answer");

        BotMessage second = awaitAnswerTo(OFF, question, 1);
        awaitButton(second);
        server.await("the replaced answer deleted", () -> message(OFF, first.messageId()).deleted(), WAIT);
        assertThat(telegram.feedback(OFF).exchanges()).isZero();
    }

    @Test
    void aPressBySomeoneElseIsRefused() {
        Posted question = telegram.post(OFF, BOB, "@parley_bot tell me a joke");
        BotMessage answer = answerTo(OFF, question, 0);
        awaitButton(answer);

        assertThat(press(OFF, CAROL, answer)).isEqualTo("Only the person who asked can regenerate this answer.");
        assertThat(answersTo(OFF, question)).hasSize(1);
        assertThat(message(OFF, answer.messageId()).deleted()).isFalse();
    }

    @Test
    void aRegenerationThatOutputModerationBlocksIsWithheldAndTheAnswerStays() {
        assertThat(telegram.say(STRICT, ADA, "/bot feedback on")).contains("is now on");
        String prompt = "tell me a story";
        Posted question = telegram.post(STRICT, BOB, "@parley_bot " + prompt);
        BotMessage first = answerTo(STRICT, question, 0);
        telegram.awaitExchange(STRICT, first);
        awaitButton(first);
        TextNormaliser normaliser = new TextNormaliser();
        String unsafe = Arrays.stream(normaliser.normalise(first.text()).strip().split(" ")).skip(1)
                .filter(word -> word.length() >= 3 && !normaliser.normalise(prompt).contains(" " + word + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no word to block in: " + first.text()));
        assertThat(telegram.say(STRICT, ADA, "/moderation terms add block " + unsafe)).contains(unsafe);

        assertThat(press(STRICT, BOB, first)).startsWith("Writing another answer");

        BotMessage withheld = awaitAnswerTo(STRICT, question, 1);
        server.await("the regeneration withheld", () -> message(STRICT, withheld.messageId()).text()
                .contains("withheld"), WAIT);
        telegram.awaitHandled(telegram.adapter().messagesHandled());
        assertThat(message(STRICT, first.messageId())).satisfies(answer -> {
            assertThat(answer.deleted()).as("the answer shown stays").isFalse();
            assertThat(answer.text()).isEqualTo(first.text());
        });
        assertThat(server.inlineButtons(STRICT.id(), withheld.messageId())).isEmpty();
        assertThat(telegram.feedback(STRICT).exchanges()).isEqualTo(1);
    }

    @Test
    void aPressOverTheUsersRateLimitIsRefusedWithTheUsualNotice() {
        assertThat(telegram.say(LIMITED, ADA, "/ratelimit set user 1 2")).contains("user");
        Posted question = telegram.post(LIMITED, BOB, "@parley_bot hello there");
        BotMessage first = answerTo(LIMITED, question, 0);
        awaitButton(first);
        assertThat(press(LIMITED, BOB, first)).startsWith("Writing another answer");
        BotMessage second = awaitAnswerTo(LIMITED, question, 1);
        awaitButton(second);

        assertThat(press(LIMITED, BOB, second)).isEqualTo("No new answer this time; my reply to your question says why.");

        BotMessage notice = awaitAnswerTo(LIMITED, question, 2);
        assertThat(notice.text()).contains("too fast");
        assertThat(message(LIMITED, second.messageId()).deleted()).as("the answer shown stays").isFalse();
        assertThat(server.inlineButtons(LIMITED.id(), second.messageId())).extracting(InlineButton::callbackData)
                .containsExactly("regen");
    }

    // ------------------------------------------------------------------ helpers

    /** The bot's messages answering {@code question}, deleted ones included, in order. */
    private static List<BotMessage> answersTo(TelegramChat chat, Posted question) {
        return server.botMessages(chat.id()).stream()
                .filter(m -> m.replyTo() != null && m.replyTo() == question.messageId()).toList();
    }

    private static BotMessage answerTo(TelegramChat chat, Posted question, int index) {
        List<BotMessage> answers = answersTo(chat, question);
        assertThat(answers).hasSizeGreaterThan(index);
        return answers.get(index);
    }

    private static BotMessage awaitAnswerTo(TelegramChat chat, Posted question, int index) {
        server.await("answer " + index + " to " + question.messageId(),
                () -> answersTo(chat, question).size() > index, WAIT);
        telegram.awaitHandled(telegram.adapter().messagesHandled());
        return answerTo(chat, question, index);
    }

    private static BotMessage message(TelegramChat chat, long messageId) {
        return server.botMessages(chat.id()).stream().filter(m -> m.messageId() == messageId).findFirst()
                .orElseThrow();
    }

    private static void awaitButton(BotMessage answer) {
        server.await("the regenerate button under " + answer.messageId(), () -> server.inlineButtons(answer.chatId(),
                answer.messageId()).stream().anyMatch(b -> b.callbackData().equals("regen")), WAIT);
    }

    /** {@code from} presses Regenerate under {@code answer}; the bot's answer to the press. */
    private static String press(TelegramChat chat, TelegramUser from, BotMessage answer) {
        long handledBefore = telegram.adapter().messagesHandled();
        String query = server.userPresses(chat, from, answer.messageId(), "regen");
        telegram.awaitHandled(handledBefore + 1);
        return server.callbackAnswers().stream().filter(a -> a.startsWith(query + ": ")).findFirst()
                .map(a -> a.substring(query.length() + 2)).orElseThrow(() -> new AssertionError("no answer to " + query));
    }
}
