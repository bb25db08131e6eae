package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.telegram.BotMessage;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.Posted;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Regenerate across a restart (#19): the application with the real TelegramBots client against the
 * fake Bot API server, the real llama.cpp runtime and an H2 file. An answer shown before the bot
 * restarts can still be regenerated after it, and replaced as before.
 */
class RegenerateAfterRestartIT {

    private static final String TOKEN = "42:regenerate-restart";
    private static final TelegramUser BOT = TelegramUser.bot(7000, "Parley", "parley_bot");
    private static final TelegramUser BOB = TelegramUser.person(43, "Bob", "bob");
    private static final TelegramChat GROUP = TelegramChat.supergroup(-100_870, "Restarts");

    private static FakeTelegramServer server;
    private static TelegramBotUnderTest telegram;

    @BeforeAll
    static void start() throws Exception {
        server = FakeTelegramServer.start(TOKEN, BOT, new TestClock());
        telegram = TelegramBotUnderTest.start(server, TOKEN, null, "--parley.model.max-new-tokens=8");
    }

    @AfterAll
    static void stop() {
        if (telegram != null) {
            telegram.close();
        }
    }

    @Test
    void anAnswerShownBeforeARestartIsRegeneratedAfterIt() {
        Posted question = telegram.post(GROUP, BOB, "@parley_bot hello there");
        BotMessage first = answersTo(question).getFirst();
        server.await("the regenerate button", () -> server.inlineButtons(GROUP.id(), first.messageId()).stream()
                .anyMatch(b -> b.callbackData().equals("regen")), TelegramBotUnderTest.WAIT);

        telegram.restart();
        assertThat(JdbcClient.create(telegram.context().getBean(DataSource.class))
                .sql("SELECT COUNT(*) FROM regenerable_answer WHERE author_id = :bob").param("bob", String.valueOf(BOB.id()))
                .query(Long.class).single()).as("kept across the restart").isEqualTo(1);

        long handledBefore = telegram.adapter().messagesHandled();
        String query = server.userPresses(GROUP, BOB, first.messageId(), "regen");
        telegram.awaitHandled(handledBefore + 1);

        assertThat(server.callbackAnswers()).contains(query + ": Writing another answer; it will replace this one.");
        server.await("the new answer", () -> answersTo(question).size() > 1, TelegramBotUnderTest.WAIT);
        server.await("the old answer deleted", () -> answersTo(question).getFirst().deleted(), TelegramBotUnderTest.WAIT);
        BotMessage second = answersTo(question).get(1);
        assertThat(second.deleted()).isFalse();
        server.await("the button moved to the new answer", () -> server.inlineButtons(GROUP.id(), second.messageId())
                .stream().anyMatch(b -> b.callbackData().equals("regen")), TelegramBotUnderTest.WAIT);
    }

    /** The bot's messages answering {@code question}, deleted ones included, in order. */
    private static List<BotMessage> answersTo(Posted question) {
        return server.botMessages(GROUP.id()).stream()
                .filter(m -> m.replyTo() != null && m.replyTo() == question.messageId()).toList();
    }
}
