package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.gguf.TinyLlamaModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged bot on the console with a daily budget of one question: the second is refused with
 * the renewal time, a restarted bot still refuses, {@code /usage} shows the day's use, and the H2
 * file holds exactly the one answered question.
 */
class QuotaConsoleIT {

    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void writeModel() throws Exception {
        model = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(model);
    }

    private static String[] args() {
        return new String[] {"--parley.model.path=" + model, "--parley.model.temperature=0",
                "--parley.model.max-new-tokens=8", "--parley.model.context-size=512",
                "--parley.quota.user-messages-per-day=1"};
    }

    @Test
    void theSecondQuestionOfTheDayIsRefusedBeforeAndAfterARestart() throws Exception {
        Path work = Files.createDirectories(dir.resolve("quota"));
        // the bot reads the system clock: the renewal is the next UTC midnight (unless the test straddles it)
        String refusal = "[parley] You have used your daily budget of 1 messages with me; it renews at "
                + LocalDate.now(ZoneOffset.UTC).plusDays(1) + " 00:00 UTC.";

        var first = new ParleyProcess(work).run("hello\nagain\n", args());
        var second = new ParleyProcess(work).run("still there?\n/usage\n", args());

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        List<String> firstLines = first.stdout().strip().lines().toList();
        assertThat(firstLines.getLast()).isEqualTo(refusal);
        assertThat(firstLines.getFirst()).as("a model reply").doesNotStartWith("[parley]");
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.stdout()).contains(refusal)
                .contains("Your use here today: 1 of 1 messages (0 left), ");
        assertThat(counters(work)).containsExactly("USER local 1", "SERVER * 1", "CHANNEL console 1");
    }

    /** The stored counter rows, "level subject messages", read from the bot's H2 file after it exited. */
    private static List<String> counters(Path work) throws Exception {
        List<String> rows = new ArrayList<>();
        try (var connection = DriverManager.getConnection("jdbc:h2:file:" + work.resolve("data/parley"), "parley", "");
                var query = connection.prepareStatement(
                        "SELECT counter_level, subject_id, messages, tokens FROM quota_usage ORDER BY counter_level DESC");
                var rs = query.executeQuery()) {
            while (rs.next()) {
                assertThat(rs.getLong("tokens")).as("prompt and answer tokens").isPositive();
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3));
            }
        }
        return rows;
    }
}
