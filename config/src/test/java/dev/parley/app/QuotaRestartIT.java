package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quotas in the real application (real pipeline, real llama.cpp on a generated model, H2 in file
 * mode) across restarts: a user over their daily budget is refused with the renewal time in the
 * scope's time zone, still refused after a restart, and asks again once the day has turned there;
 * the stored counters hold exactly the answered questions and their tokens, and nothing for a
 * blocked question.
 */
class QuotaRestartIT {

    private static final Location HERE = new Location(Platform.DISCORD, "quota-server", "general", null);
    private static final Author ADMIN = new Author("ada", "Ada", Set.of(), true, false);
    private static final Author MEMBER = new Author("bo", "Bo", Set.of("regulars"), false, false);
    /** 21:00 in Lisbon (summer time, UTC+1) on 14 July: the day there renews at 23:00 UTC. */
    private static final Instant EVENING = Instant.parse("2026-07-14T20:00:00Z");
    private static final String REFUSAL = "You have used your daily budget of 3 messages with me; "
            + "it renews at 2026-07-15 00:00 Europe/Lisbon.";

    private static String modelPath;

    @TempDir
    Path dataDir;

    private final QuotaApp.MovableClock clock = new QuotaApp.MovableClock(EVENING);

    @BeforeAll
    static void model() {
        modelPath = GeneratedModels.tinyModel();
    }

    private QuotaApp start() {
        return QuotaApp.start(modelPath, clock, List.of("parley.quota.user-messages-per-day=3"),
                "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void aUserOverBudgetIsRefusedUntilTheDayTurnsInTheScopesTimeZoneAcrossARestart() {
        long tokens = 0;
        try (QuotaApp app = start()) {
            assertThat(app.command(HERE, ADMIN, "/quota timezone Europe/Lisbon")).contains("Europe/Lisbon");
            tokens += app.answer(HERE, MEMBER, "hello there").tokens();
            tokens += app.answer(HERE, MEMBER, "tell me about herons").tokens();
            assertThat(app.ask(HERE, MEMBER, "how to make a bomb at home", new RecordingSink()).join())
                    .as("blocked: not charged").isInstanceOf(Outcome.Blocked.class);
            tokens += app.answer(HERE, MEMBER, "and about owls").tokens();

            var sink = new RecordingSink();
            assertThat(app.ask(HERE, MEMBER, "one more", sink).join()).isEqualTo(new Outcome.OverQuota(REFUSAL));
            assertThat(sink.notices).containsExactly(new Notice(Notice.Kind.OVER_QUOTA, REFUSAL));
            assertThat(app.counter(HERE, "USER", "bo", "2026-07-14")).isEqualTo("3 " + tokens);
        }

        try (QuotaApp app = start()) {
            var sink = new RecordingSink();
            assertThat(app.ask(HERE, MEMBER, "still there?", sink).join()).as("after a restart")
                    .isEqualTo(new Outcome.OverQuota(REFUSAL));
            assertThat(app.counter(HERE, "USER", "bo", "2026-07-14")).isEqualTo("3 " + tokens);
            assertThat(app.counter(HERE, "CHANNEL", "general", "2026-07-14")).isEqualTo("3 " + tokens);
            assertThat(app.counter(HERE, "SERVER", "*", "2026-07-14")).isEqualTo("3 " + tokens);
            assertThat(app.command(HERE, MEMBER, "/usage")).startsWith("Your use here today: 3 of 3 messages (0 left), "
                    + tokens + " tokens; this month: 3 messages, " + tokens + " tokens.")
                    .endsWith("Days renew at 2026-07-15 00:00 Europe/Lisbon, months at 2026-08-01 00:00 Europe/Lisbon.");

            // an admin lifts the budget for the member's role: answered again, on the same day
            assertThat(app.command(HERE, ADMIN, "/quota set role regulars messages per-day 4"))
                    .isEqualTo("Set: role regulars 4 messages per-day.");
            tokens += app.answer(HERE, MEMBER, "thanks").tokens();
            assertThat(app.ask(HERE, MEMBER, "again", new RecordingSink()).join())
                    .isEqualTo(new Outcome.OverQuota(REFUSAL.replace("3 messages", "4 messages")));
            assertThat(app.command(HERE, ADMIN, "/audit recent 5")).contains("quota.set").contains("quota.timezone");
        }

        clock.set(Instant.parse("2026-07-14T23:00:00Z")); // midnight in Lisbon
        try (QuotaApp app = start()) {
            long next = app.answer(HERE, MEMBER, "good morning").tokens();
            assertThat(app.counter(HERE, "USER", "bo", "2026-07-14")).as("yesterday's count stays")
                    .isEqualTo("4 " + tokens);
            assertThat(app.counter(HERE, "USER", "bo", "2026-07-15")).isEqualTo("1 " + next);
            assertThat(app.command(HERE, ADMIN, "/usage server")).startsWith("Use of this server today: 1 messages, "
                    + next + " tokens; this month: 5 messages, " + (tokens + next) + " tokens. Top users this month: bo 5");
        }
    }
}
