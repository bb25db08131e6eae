package dev.parley.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Platform;
import dev.parley.core.feedback.Exchange;
import dev.parley.core.feedback.FeedbackSummary;
import dev.parley.core.feedback.ModelNames;
import dev.parley.core.feedback.Vote;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feedback consent, exchanges and votes (V11) on H2 and, when {@code PARLEY_TEST_POSTGRES_URL}
 * names one, PostgreSQL: in a schema of this test's own.
 */
class JdbcFeedbackStoresTest {

    private static final ScopeKey SCOPE = new ScopeKey(Platform.TELEGRAM, "-100123");
    private static final ScopeKey OTHER = new ScopeKey(Platform.DISCORD, "-100123");
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    private record Stores(JdbcFeedbackConsent consent, JdbcFeedbackLog log, JdbcClient jdbc) {}

    private static Stores stores(DataSource dataSource) {
        var transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        var jdbc = JdbcClient.create(dataSource);
        return new Stores(new JdbcFeedbackConsent(jdbc, transactions), new JdbcFeedbackLog(jdbc, transactions), jdbc);
    }

    private static Exchange exchange(String author, String reply) {
        return new Exchange(Platform.TELEGRAM, "-100123", "-100123", "-100123", author, reply, "Be kind.",
                "what is a kumquat?", "A small citrus fruit.", new ModelNames("tiny.gguf", "kind.gguf"), "", AT);
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void consentIsOffByDefaultAndSurvivesNewStores(TestDatabase database) {
        TestDatabase copy = database.migratedCopy();
        try {
            Stores first = stores(copy.dataSource());
            assertThat(first.consent().enabled(SCOPE)).isFalse();
            assertThat(first.consent().setEnabled(SCOPE, true, "42", AT)).isTrue();
            assertThat(first.consent().setEnabled(SCOPE, true, "42", AT)).isFalse();
            assertThat(first.consent().optOut(SCOPE, "43", AT)).isTrue();
            assertThat(first.consent().optOut(SCOPE, "43", AT)).isFalse();

            Stores reopened = stores(copy.dataSource());
            assertThat(reopened.consent().enabled(SCOPE)).isTrue();
            assertThat(reopened.consent().enabled(OTHER)).isFalse();
            assertThat(reopened.consent().optedOut(SCOPE, "43")).isTrue();
            assertThat(reopened.consent().optedOut(OTHER, "43")).isFalse();
            assertThat(reopened.consent().optIn(SCOPE, "43")).isTrue();
            assertThat(reopened.consent().optedOut(SCOPE, "43")).isFalse();
            assertThat(reopened.consent().setEnabled(SCOPE, false, "42", AT)).isTrue();
            assertThat(reopened.consent().enabled(SCOPE)).isFalse();
        } finally {
            copy.drop();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void aRegeneratedExchangeNamesTheOneItReplaced(TestDatabase database) {
        TestDatabase copy = database.migratedCopy();
        try {
            Stores stores = stores(copy.dataSource());
            long original = stores.log().record(exchange("42", "77"));
            Exchange again = exchange("42", "78");
            long regenerated = stores.log().record(new Exchange(again.platform(), again.scopeId(), again.channelId(),
                    again.conversation(), again.authorId(), again.replyMessage(), again.systemPrompt(),
                    again.userText(), "A kind of citrus.", again.producedBy(), again.variant(), again.createdAt(),
                    original));

            assertThat(stores.jdbc().sql("SELECT replaces_id IS NULL FROM feedback_exchange WHERE id = ?")
                    .param(original).query(Boolean.class).single()).isTrue();
            assertThat(stores.jdbc().sql("SELECT replaces_id FROM feedback_exchange WHERE id = ?").param(regenerated)
                    .query(Long.class).single()).isEqualTo(original);
        } finally {
            copy.drop();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void exchangesAreFoundByTheirReplyAndVotesAreStoredReplacedAndDeleted(TestDatabase database) {
        TestDatabase copy = database.migratedCopy();
        try {
            Stores stores = stores(copy.dataSource());
            long first = stores.log().record(exchange("42", "77"));
            long second = stores.log().record(exchange("44", "78"));

            assertThat(stores.log().exchangeShownBy(SCOPE, "-100123", "77")).hasValue(first);
            assertThat(stores.log().exchangeShownBy(SCOPE, "-100123", "79")).isEmpty();
            assertThat(stores.log().exchangeShownBy(OTHER, "-100123", "77")).isEmpty();
            Map<String, Object> row = stores.jdbc().sql("SELECT * FROM feedback_exchange WHERE id = :id")
                    .param("id", first).query().singleRow();
            assertThat(row).containsEntry(keyOf(row, "model_name"),
                    "tiny.gguf").containsEntry(keyOf(row, "adapter_name"), "kind.gguf")
                    .containsEntry(keyOf(row, "answer_text"), "A small citrus fruit.");

            stores.log().vote(first, "43", Vote.UP, AT);
            stores.log().vote(first, "43", Vote.DOWN, AT);
            stores.log().vote(first, "45", Vote.UP, AT);
            stores.log().vote(second, "43", Vote.UP, AT);
            assertThat(stores.log().voteOf(first, "43")).contains(Vote.DOWN);
            assertThat(stores.log().summary(SCOPE)).isEqualTo(new FeedbackSummary(2, 2, 1));
            assertThat(stores.log().summary(OTHER)).isEqualTo(new FeedbackSummary(0, 0, 0));

            assertThat(stores.log().unvote(first, "45")).isTrue();
            assertThat(stores.log().unvote(first, "45")).isFalse();
            assertThat(stores.log().summary(SCOPE)).isEqualTo(new FeedbackSummary(2, 1, 1));
        } finally {
            copy.drop();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void forgetDeletesTheUsersExchangesWithTheirVotesAndTheVotesTheyCast(TestDatabase database) {
        TestDatabase copy = database.migratedCopy();
        try {
            Stores stores = stores(copy.dataSource());
            long theirs = stores.log().record(exchange("43", "77"));
            long others = stores.log().record(exchange("44", "78"));
            stores.log().vote(theirs, "44", Vote.UP, AT);
            stores.log().vote(others, "43", Vote.DOWN, AT);
            stores.log().vote(others, "45", Vote.UP, AT);

            assertThat(stores.log().forget(SCOPE, "43")).isEqualTo(3);

            assertThat(stores.log().exchangeShownBy(SCOPE, "-100123", "77")).isEmpty();
            assertThat(stores.log().voteOf(others, "43")).isEmpty();
            assertThat(stores.log().summary(SCOPE)).isEqualTo(new FeedbackSummary(1, 1, 0));
        } finally {
            copy.drop();
        }
    }

    /** The row's key for {@code column}, as the database spells it (H2 upper case, PostgreSQL lower). */
    private static String keyOf(Map<String, Object> row, String column) {
        return row.keySet().stream().filter(k -> k.equalsIgnoreCase(column)).findFirst().orElse(column);
    }
}
