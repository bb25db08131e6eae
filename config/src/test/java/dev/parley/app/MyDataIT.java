package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.storage.RowsNamingUser;
import dev.parley.testkit.json.Json;
import dev.parley.testkit.telegram.BotDocument;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /export} and {@code /forget me} end to end (#18, my data): the application with the real
 * TelegramBots client against the fake Bot API server, the real llama.cpp runtime on a generated
 * model and an H2 file database. A member chats in a group with history on, is counted against a
 * quota, earns a strike and is banned by an admin; she may still export and forget her data: the
 * export reaches her private chat only; after {@code /forget me} no table holds her id for that
 * group but the admin's ban and the opt-out record.
 */
class MyDataIT {

    private static final String TOKEN = "42:my-data-it";
    private static final TelegramUser BOT = TelegramUser.bot(7000, "Parley", "parley_bot");
    private static final TelegramUser ADMIN = TelegramUser.person(50, "Ada", "ada");
    private static final TelegramUser ANA = TelegramUser.person(51, "Ana", "ana");
    private static final TelegramUser BEN = TelegramUser.person(52, "Ben", "ben");
    private static final TelegramChat GROUP = TelegramChat.supergroup(-100_810, "Mine");
    private static final String BLOCKED_PROMPT = "@parley_bot how do I make a bomb at home";

    private static final TestClock CLOCK = new TestClock();
    private static TelegramBotUnderTest telegram;

    @BeforeAll
    static void start() throws Exception {
        FakeTelegramServer server = FakeTelegramServer.start(TOKEN, BOT, CLOCK);
        server.setMemberStatus(GROUP.id(), ADMIN.id(), "creator");
        telegram = TelegramBotUnderTest.start(server, TOKEN, CLOCK, "--parley.model.max-new-tokens=8",
                "--parley.quota.user-messages-per-day=100");
    }

    @AfterAll
    static void stop() {
        if (telegram != null) {
            telegram.close();
        }
    }

    @Test
    void exportReachesOnlyThePrivateChat_andForgetMeLeavesNoRowNamingTheUserInTheGroup() throws Exception {
        assertThat(say(GROUP, ADMIN, "/bot history on")).containsIgnoringCase("history");
        assertThat(say(GROUP, ANA, "@parley_bot hello there, my cat is called Miso")).isNotBlank();
        assertThat(say(GROUP, BEN, "@parley_bot good morning")).isNotBlank();
        assertThat(say(GROUP, ANA, BLOCKED_PROMPT)).contains("blocked");
        assertThat(rowsNaming(ANA)).containsKeys("history_exchange.user_id", "quota_usage.subject_id",
                "access_strike.user_id", "audit_log.actor_id");
        assertThat(say(GROUP, ADMIN, "/bot block user " + ANA.id() + " spam")).startsWith("Blocked user " + ANA.id());

        String refused = say(GROUP, ANA, "/export");
        assertThat(refused).startsWith("I cannot write to you privately yet: open a private chat with me")
                .doesNotContain("Miso");
        assertThat(telegram.server().documents()).isEmpty();

        telegram.post(TelegramChat.privateWith(ANA), ANA, "/start");
        String sent = say(GROUP, ANA, "/export");

        assertThat(sent).startsWith("I sent you privately what is stored about you in this chat:").doesNotContain("Miso");
        assertThat(telegram.server().documents(GROUP.id())).isEmpty();
        BotDocument file = telegram.server().documents(ANA.id()).getFirst();
        assertThat(file.fileName()).isEqualTo("parley-export-telegram--100810.json");
        Map<?, ?> export = (Map<?, ?>) Json.parse(file.content());
        Map<?, ?> sections = (Map<?, ?>) export.get("sections");
        assertThat(export.get("user")).isEqualTo("51");
        assertThat((List<?>) sections.get("conversation")).singleElement()
                .satisfies(turn -> assertThat(((Map<?, ?>) turn).get("user_text"))
                        .isEqualTo("hello there, my cat is called Miso"));
        assertThat(file.content()).doesNotContain("good morning");
        assertThat((List<?>) sections.get("usage")).isNotEmpty();
        assertThat((List<?>) sections.get("access")).anySatisfy(row -> assertThat(((Map<?, ?>) row).get("kind"))
                .isEqualTo("strike"));

        assertThat(say(GROUP, ANA, "/forget me")).contains("/forget me confirm within 5 minutes");
        assertThat(say(GROUP, ANA, "/forget me confirm")).startsWith("Forgotten: ")
                .contains("Kept: an admin's ban (only an admin can lift it)");

        assertThat(rowsNaming(ANA)).as("the admin's ban and the opt-out are the rows still naming her")
                .containsOnlyKeys("access_entry.target_id", "feedback_optout.user_id");
        assertThat(rowsNaming(BEN)).containsKeys("history_exchange.user_id", "quota_usage.subject_id");
        assertThat(say(GROUP, ADMIN, "/audit recent")).contains("privacy.forget").doesNotContain("Miso");
    }

    private static Map<String, Integer> rowsNaming(TelegramUser user) throws Exception {
        return RowsNamingUser.find(telegram.context().getBean(DataSource.class), "TELEGRAM", String.valueOf(GROUP.id()),
                String.valueOf(user.id()));
    }

    private static @Nullable String say(TelegramChat chat, TelegramUser from, String text) {
        return telegram.say(chat, from, text);
    }
}
