package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.dataset.FineTuningFormat;
import dev.parley.app.dataset.SeededFeedback;
import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeUser;
import dev.parley.testkit.discord.SentMessage;
import dev.parley.testkit.discord.UploadedFile;
import dev.parley.testkit.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /dataset export} on Discord end to end (#19): the application with the real JDA client
 * against the fake Discord server, on a database seeded with the export tests' feedback corpus. The
 * operator gets the three files in a direct message, their lines in the shapes trainers read; a
 * server admin who is no operator is refused and gets nothing.
 */
class DatasetExportDiscordIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String EXPORT = "/dataset export " + SeededFeedback.SCOPE + " since " + SeededFeedback.SINCE
            + " until " + SeededFeedback.UNTIL;

    private static FakeDiscordServer server;
    private static long talk;
    private static FakeUser operator;
    private static FakeUser admin;
    private static DiscordBotUnderTest discord;

    @BeforeAll
    static void start() throws Exception {
        server = FakeDiscordServer.start();
        operator = server.createUser("olga");
        admin = server.createUser("ada");
        talk = DiscordBotUnderTest.guild(server, "Loop", admin, operator).addTextChannel("talk");
        discord = DiscordBotUnderTest.launch(server, 8, "--parley.operators.discord=" + operator.id());
        SeededFeedback.seed(discord.jdbc());
    }

    @AfterAll
    static void stop() {
        DiscordBotUnderTest.stop(discord, server);
    }

    @Test
    void operatorReceivesTheFilesInADirectMessage_andAServerAdminIsRefused() throws Exception {
        long refused = discord.post(talk, admin, server.botUser().mention() + " " + EXPORT);
        assertThat(answerTo(refused)).isEqualTo("Only the bot's operators can export datasets.");

        long dm = server.openDm(operator);
        long asked = discord.post(dm, operator, EXPORT);
        server.await(() -> server.uploadedFiles().size() >= 3, WAIT, () -> server.uploadedFiles().size() + " files");

        assertThat(answerTo(asked)).satisfiesAnyOf(
                answer -> assertThat(answer).startsWith("Here is the dataset of discord:guild-1: "
                        + SeededFeedback.SFT_EXAMPLES + " examples and " + SeededFeedback.DPO_PAIRS + " preference pairs"),
                answer -> assertThat(answer).startsWith("Exporting discord:guild-1"));
        List<UploadedFile> files = server.uploadedFiles();
        assertThat(files).allSatisfy(file -> assertThat(file.channelId()).isEqualTo(dm))
                .extracting(UploadedFile::fileName).containsExactly("sft.jsonl", "dpo.jsonl", "manifest.json");
        var format = new FineTuningFormat();
        assertThat(files.get(0).text().lines().toList()).hasSize(SeededFeedback.SFT_EXAMPLES).allSatisfy(format::chat);
        assertThat(files.get(1).text().lines().toList()).hasSize(SeededFeedback.DPO_PAIRS)
                .allSatisfy(format::preference);
        Map<?, ?> manifest = (Map<?, ?>) Json.parse(files.get(2).text());
        assertThat(((Map<?, ?>) manifest.get("dropped")).get("opted_out")).isEqualTo(1L);
        for (String personal : SeededFeedback.PERSONAL_DATA) {
            assertThat(files).allSatisfy(file -> assertThat(file.text()).doesNotContain(personal));
        }
        assertThat(server.sentMessages()).filteredOn(m -> m.channelId() == talk)
                .noneMatch(m -> m.content().contains("Folhas de outono"));
    }

    /** The text of the bot's answer to {@code question}. */
    private static String answerTo(long question) {
        SentMessage answer = server.awaitSentMessage(m -> m.kind() == SentMessage.Kind.CREATE
                && Objects.equals(m.replyTo(), question), WAIT);
        return server.messageContent(answer.messageId()).orElse(answer.content());
    }
}
