package dev.parley.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Platform;
import dev.parley.core.experiment.VariantCounts;
import dev.parley.core.feedback.Exchange;
import dev.parley.core.feedback.ModelNames;
import dev.parley.core.feedback.Vote;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The A/B report's counts against seeded feedback rows, on H2 and, when
 * {@code PARLEY_TEST_POSTGRES_URL} names one, PostgreSQL: in a schema of this test's own.
 */
class JdbcExperimentStatsTest {

    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    private static Exchange exchange(String variant, String reply) {
        return new Exchange(Platform.DISCORD, "guild", "chan", "chan", "42", reply, "Be kind.", "hi", "Hello.",
                new ModelNames("tiny.gguf", variant.equals("b") ? "tone-b.gguf" : "tone.gguf"), variant, AT);
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void counts_equalTheSeededExchangesAndVotesPerVariant(TestDatabase database) {
        TestDatabase copy = database.migratedCopy();
        try {
            var jdbc = JdbcClient.create(copy.dataSource());
            var log = new JdbcFeedbackLog(jdbc, new TransactionTemplate(new DataSourceTransactionManager(copy.dataSource())));
            // A: 5 exchanges; 2 up, 1 down, 1 tied (one up, one down), 1 unrated
            long a1 = log.record(exchange("a", "1"));
            long a2 = log.record(exchange("a", "2"));
            long a3 = log.record(exchange("a", "3"));
            long a4 = log.record(exchange("a", "4"));
            log.record(exchange("a", "5"));
            log.vote(a1, "u1", Vote.UP, AT);
            log.vote(a1, "u2", Vote.UP, AT); // two voters, still one 👍 exchange
            log.vote(a2, "u1", Vote.UP, AT);
            log.vote(a3, "u1", Vote.DOWN, AT);
            log.vote(a4, "u1", Vote.UP, AT);
            log.vote(a4, "u2", Vote.DOWN, AT);
            // B: 3 exchanges; 0 up, 2 down
            long b1 = log.record(exchange("b", "6"));
            long b2 = log.record(exchange("b", "7"));
            log.record(exchange("b", "8"));
            log.vote(b1, "u1", Vote.DOWN, AT);
            log.vote(b2, "u3", Vote.DOWN, AT);
            // outside the experiment: never counted for a variant
            long none = log.record(exchange("", "9"));
            log.vote(none, "u1", Vote.UP, AT);

            var stats = new JdbcExperimentStats(jdbc);

            assertThat(stats.counts("a")).isEqualTo(new VariantCounts(5, 2, 1));
            assertThat(stats.counts("b")).isEqualTo(new VariantCounts(3, 0, 2));
            assertThat(stats.counts("c")).isEqualTo(new VariantCounts(0, 0, 0));
        } finally {
            copy.drop();
        }
    }
}
