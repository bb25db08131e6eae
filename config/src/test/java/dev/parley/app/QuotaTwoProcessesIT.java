package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.storage.JdbcUsageLedger;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.pipeline.Outcome;
import dev.parley.core.quota.QuotaLevel;
import dev.parley.core.quota.Usage;
import dev.parley.core.settings.ScopeKey;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances of the real application on one database (the PostgreSQL that
 * {@code PARLEY_TEST_POSTGRES_URL} names, in a schema of this test's own; else one H2 file both
 * open in automatic server mode) answer the same user at the same time: the stored counters hold
 * exactly the questions both answered and their tokens, nobody over- or under-counted.
 */
class QuotaTwoProcessesIT {

    private static final Author MEMBER = new Author("bo", "Bo", Set.of(), false, false);
    private static final Instant NOON = Instant.parse("2026-12-06T12:00:00Z");
    private static final int QUESTIONS_EACH = 6;

    private static String modelPath;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void model() {
        modelPath = GeneratedModels.tinyModel();
    }

    /** The shared database as arguments; on PostgreSQL in the schema h_quota, away from other branches' migrations. */
    private List<String> database() {
        List<String> args = new ArrayList<>(SharedDatabase.arguments(dataDir));
        String postgres = System.getenv("PARLEY_TEST_POSTGRES_URL");
        if (postgres != null && !postgres.isBlank()) {
            args.set(0, "--spring.datasource.url=" + postgres + (postgres.contains("?") ? "&" : "?")
                    + "currentSchema=h_quota");
            args.add("--spring.flyway.schemas=h_quota");
        }
        return args;
    }

    private QuotaApp start(QuotaApp.MovableClock clock) {
        return QuotaApp.start(modelPath, clock, List.of("parley.quota.user-messages-per-day=1000"),
                database().toArray(String[]::new));
    }

    @Test
    void bothInstancesAnswerTheSameUserAtOnceAndTheCountersHoldTheExactSum() throws Exception {
        // a scope of this run's own: the database outlives the test
        Location here = new Location(Platform.TELEGRAM, "chat-" + UUID.randomUUID(), "chat", null);
        var clock = new QuotaApp.MovableClock(NOON);
        try (QuotaApp first = start(clock); QuotaApp second = start(clock)) {
            List<Long> expectedPrompt = new ArrayList<>();
            List<CompletableFuture<Outcome>> asked = new ArrayList<>();
            for (int i = 0; i < QUESTIONS_EACH; i++) {
                for (QuotaApp app : List.of(first, second)) {
                    String text = "question number " + i + " from " + (app == first ? "first" : "second");
                    expectedPrompt.add(app.promptTokens(here, text));
                    asked.add(app.ask(here, MEMBER, text, new RecordingSink()));
                }
            }
            long messages = 0;
            long tokens = 0;
            for (int i = 0; i < asked.size(); i++) {
                Outcome outcome = asked.get(i).join();
                assertThat(outcome).isInstanceOf(Outcome.Answered.class);
                messages++;
                tokens += expectedPrompt.get(i) + first.context.getBean(dev.parley.core.model.ChatModel.class)
                        .countTokens(((Outcome.Answered) outcome).reply());
            }

            assertThat(messages).isEqualTo(2 * QUESTIONS_EACH);
            assertThat(first.counter(here, "USER", "bo", "2026-12-06")).isEqualTo(messages + " " + tokens);
            assertThat(second.counter(here, "SERVER", "*", "2026-12-06")).isEqualTo(messages + " " + tokens);
            assertThat(second.command(here, MEMBER, "/usage")).startsWith("Your use here today: " + messages
                    + " of 1000 messages (" + (1000 - messages) + " left), " + tokens + " tokens;");
        }
    }

    @Test
    void chargesFromTwoInstancesRacingForTheFirstRowOfADayAreAllCounted() throws Exception {
        ScopeKey scope = new ScopeKey(Platform.DISCORD, "race-" + UUID.randomUUID());
        LocalDate day = LocalDate.of(2026, 12, 6);
        int threads = 8;
        int chargesEach = 50;
        var clock = new QuotaApp.MovableClock(NOON);
        try (QuotaApp first = start(clock); QuotaApp second = start(clock)) {
            // each instance's own connection pool: the races are between two pools, as between two processes
            List<JdbcUsageLedger> ledgers = List.of(new JdbcUsageLedger(first.context.getBean(JdbcClient.class)),
                    new JdbcUsageLedger(second.context.getBean(JdbcClient.class)));
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    JdbcUsageLedger ledger = ledgers.get(t % 2);
                    String user = "user-" + (t % 3);
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < chargesEach; i++) {
                            ledger.charge(scope, "channel-" + (i % 2), user, day, new Usage(1, 7));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            long total = (long) threads * chargesEach;
            JdbcUsageLedger reader = ledgers.get(0);
            assertThat(reader.used(scope, QuotaLevel.SERVER, "", day, day)).isEqualTo(new Usage(total, 7 * total));
            assertThat(reader.used(scope, QuotaLevel.CHANNEL, "channel-0", day, day))
                    .isEqualTo(new Usage(total / 2, 7 * total / 2));
            // threads 0, 3, 6 are user-0; 1, 4, 7 user-1; 2, 5 user-2
            assertThat(reader.used(scope, QuotaLevel.USER, "user-0", day, day))
                    .isEqualTo(new Usage(3L * chargesEach, 21L * chargesEach));
            assertThat(reader.used(scope, QuotaLevel.USER, "user-2", day, day))
                    .isEqualTo(new Usage(2L * chargesEach, 14L * chargesEach));
        }
    }
}
