package dev.parley.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.access.AccessEntry;
import dev.parley.core.access.AccessKind;
import dev.parley.core.access.AccessMode;
import dev.parley.core.access.Mute;
import dev.parley.core.access.Strike;
import dev.parley.core.access.StrikePolicy;
import dev.parley.core.conversation.Platform;
import dev.parley.core.settings.ScopeKey;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access lists, mutes and strikes (V9) on H2 and, when {@code PARLEY_TEST_POSTGRES_URL} names
 * one, PostgreSQL: in a schema of this test's own, so that the database other tests share is left alone.
 */
class JdbcAccessStoresTest {

    private static final ScopeKey SCOPE = new ScopeKey(Platform.TELEGRAM, "-100123");
    private static final ScopeKey OTHER = new ScopeKey(Platform.DISCORD, "-100123");
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    private record Stores(JdbcAccessLists lists, JdbcMutes mutes, JdbcStrikes strikes) {}

    private static Stores stores(DataSource dataSource) {
        var transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        var jdbc = JdbcClient.create(dataSource);
        return new Stores(new JdbcAccessLists(jdbc, transactions), new JdbcMutes(jdbc, transactions),
                new JdbcStrikes(jdbc, transactions));
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void accessListsMutesAndStrikesSurviveNewStoresOnTheSameDatabase(TestDatabase database) throws Exception {
        TestDatabase copy = database.migratedCopy();
        DataSource dataSource = copy.dataSource();
        try {
            Stores first = stores(dataSource);
            first.lists().put(SCOPE, new AccessEntry(AccessKind.USER, "43", AccessMode.BLOCK, "spam", "42", AT));
            first.lists().put(SCOPE, new AccessEntry(AccessKind.USER, "43", AccessMode.ALLOW, "", "42", AT));
            first.lists().put(SCOPE, new AccessEntry(AccessKind.ROLE, "newcomer", AccessMode.BLOCK, "", "42", AT));
            first.mutes().save(new Mute(SCOPE, "44", AT, AT.plus(Duration.ofHours(1)), "cooling off", "42"));
            first.strikes().add(SCOPE, new Strike("45", AT, "violence"));
            first.strikes().add(SCOPE, new Strike("45", AT.plusSeconds(60), "hate"));
            first.strikes().savePolicy(SCOPE, new StrikePolicy(5, Duration.ofHours(1), Duration.ofMinutes(10)));

            Stores reopened = stores(dataSource);
            assertThat(reopened.lists().entries(SCOPE)).containsExactlyInAnyOrder(
                    new AccessEntry(AccessKind.USER, "43", AccessMode.ALLOW, "", "42", AT),
                    new AccessEntry(AccessKind.ROLE, "newcomer", AccessMode.BLOCK, "", "42", AT));
            assertThat(reopened.lists().entries(OTHER)).isEmpty();
            assertThat(reopened.mutes().find(SCOPE, "44"))
                    .contains(new Mute(SCOPE, "44", AT, AT.plus(Duration.ofHours(1)), "cooling off", "42"));
            assertThat(reopened.strikes().since(SCOPE, "45", AT.plusSeconds(1)))
                    .containsExactly(new Strike("45", AT.plusSeconds(60), "hate"));
            assertThat(reopened.strikes().policy(SCOPE))
                    .contains(new StrikePolicy(5, Duration.ofHours(1), Duration.ofMinutes(10)));
            assertThat(reopened.strikes().policy(OTHER)).isEmpty();

            assertThat(reopened.lists().remove(SCOPE, AccessKind.ROLE, "newcomer")).isTrue();
            assertThat(reopened.lists().remove(SCOPE, AccessKind.ROLE, "newcomer")).isFalse();
            assertThat(reopened.mutes().delete(SCOPE, "44")).isTrue();
            assertThat(reopened.mutes().find(SCOPE, "44")).isEmpty();
            assertThat(reopened.strikes().clear(SCOPE, "45")).isEqualTo(2);
        } finally {
            copy.drop();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void aStrikeIsFoundAndWithdrawnByItsMessage(TestDatabase database) {
        TestDatabase copy = database.migratedCopy();
        try {
            Stores stores = stores(copy.dataSource());
            stores.strikes().add(SCOPE, new Strike("45", AT, "violence", "-100:7"));
            stores.strikes().add(SCOPE, new Strike("45", AT.plusSeconds(60), "hate", "-100:8"));
            stores.strikes().add(SCOPE, new Strike("45", AT.plusSeconds(90), "hate"));

            assertThat(stores.strikes().forMessage(SCOPE, "45", "-100:7"))
                    .contains(new Strike("45", AT, "violence", "-100:7"));
            assertThat(stores.strikes().forMessage(SCOPE, "46", "-100:7")).isEmpty();
            assertThat(stores.strikes().withdraw(SCOPE, "45", "-100:7")).isEqualTo(1);
            assertThat(stores.strikes().withdraw(SCOPE, "45", "-100:7")).isZero();
            assertThat(stores.strikes().since(SCOPE, "45", AT)).extracting(Strike::messageId)
                    .containsExactly("-100:8", null);
        } finally {
            copy.drop();
        }
    }
}
