package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.dataset.FineTuningFormat;
import dev.parley.app.dataset.SeededFeedback;
import dev.parley.testkit.json.Json;
import dev.parley.testkit.telegram.BotDocument;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /dataset export} on Telegram end to end (#19): the application with the real TelegramBots
 * client against the fake Bot API server, on a database seeded with the export tests' feedback
 * corpus. The operator gets the three files in the private chat, never in a group; a group's
 * creator who is no operator is refused.
 */
class DatasetExportTelegramIT {

    private static final String TOKEN = "42:dataset-export-it";
    private static final TelegramUser BOT = TelegramUser.bot(7000, "Parley", "parley_bot");
    private static final TelegramUser OPERATOR = TelegramUser.person(60, "Olga", "olga");
    private static final TelegramUser CREATOR = TelegramUser.person(61, "Ada", "ada");
    private static final TelegramChat GROUP = TelegramChat.supergroup(-100_919, "Loop");
    private static final String EXPORT = "/dataset export " + SeededFeedback.SCOPE + " since " + SeededFeedback.SINCE
            + " until " + SeededFeedback.UNTIL;

    private static TelegramBotUnderTest telegram;

    @BeforeAll
    static void start() throws Exception {
        FakeTelegramServer server = FakeTelegramServer.start(TOKEN, BOT, new TestClock());
        server.setMemberStatus(GROUP.id(), CREATOR.id(), "creator");
        telegram = TelegramBotUnderTest.start(server, TOKEN, null, "--parley.model.max-new-tokens=8",
                "--parley.operators.telegram=" + OPERATOR.id());
        SeededFeedback.seed(JdbcClient.create(telegram.context().getBean(DataSource.class)));
    }

    @AfterAll
    static void stop() {
        if (telegram != null) {
            telegram.close();
        }
    }

    @Test
    void operatorReceivesTheFilesInThePrivateChat_andAGroupCreatorIsRefused() throws Exception {
        assertThat(telegram.say(GROUP, CREATOR, EXPORT)).isEqualTo("Only the bot's operators can export datasets.");
        assertThat(telegram.server().documents()).isEmpty();

        telegram.post(TelegramChat.privateWith(OPERATOR), OPERATOR, "/start");
        String answer = telegram.say(TelegramChat.privateWith(OPERATOR), OPERATOR, EXPORT);
        telegram.server().await("the three files", () -> telegram.server().documents(OPERATOR.id()).size() >= 3,
                TelegramBotUnderTest.WAIT);

        assertThat(answer).satisfiesAnyOf(
                text -> assertThat(text).startsWith("Here is the dataset of discord:guild-1: "
                        + SeededFeedback.SFT_EXAMPLES + " examples and " + SeededFeedback.DPO_PAIRS + " preference pairs"),
                text -> assertThat(text).startsWith("Exporting discord:guild-1"));
        List<BotDocument> files = telegram.server().documents(OPERATOR.id());
        assertThat(files).extracting(BotDocument::fileName).containsExactly("sft.jsonl", "dpo.jsonl", "manifest.json");
        assertThat(telegram.server().documents(GROUP.id())).isEmpty();
        var format = new FineTuningFormat();
        assertThat(files.get(0).content().lines().toList()).hasSize(SeededFeedback.SFT_EXAMPLES).allSatisfy(format::chat);
        assertThat(files.get(1).content().lines().toList()).hasSize(SeededFeedback.DPO_PAIRS)
                .allSatisfy(format::preference);
        Map<?, ?> counts = (Map<?, ?>) ((Map<?, ?>) Json.parse(files.get(2).content())).get("counts");
        assertThat(Json.asLong(counts.get("sft_examples"))).isEqualTo(SeededFeedback.SFT_EXAMPLES);
        for (String personal : SeededFeedback.PERSONAL_DATA) {
            assertThat(files).allSatisfy(file -> assertThat(file.content()).doesNotContain(personal));
        }
        assertThat(JdbcClient.create(telegram.context().getBean(DataSource.class))
                .sql("SELECT detail FROM audit_log WHERE action = 'dataset.export' AND actor_id = :actor")
                .param("actor", String.valueOf(OPERATOR.id())).query(String.class).list())
                .singleElement().asString().startsWith("discord:guild-1 from 2026-11-01T00:00:00Z");
    }
}
