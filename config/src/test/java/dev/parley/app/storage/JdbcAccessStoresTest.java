package dev.parley.app.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access lists, mutes and strikes (V9) on H2 and, when {@code PARLEY_TEST_POSTGRES_URL} names
 * one, PostgreSQL: in a schema of this test's own, so that the database other tests share is left alone.
 */
class JdbcAccessStoresTest {

    private static final ScopeKey SCOPE = new ScopeKey(Platform.TELEGRAM, "-100123");
    private static final ScopeKey OTHER = new ScopeKey(Platform.DISCORD, "-100123");
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    record Database(String name, String url, String user, String password) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Database> databases() {
        String postgres = System.getenv("PARLEY_TEST_POSTGRES_URL");
        return Stream.of(
                new Database("h2", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""),
                new Database("postgresql", postgres == null ? "" : postgres,
                        System.getenv().getOrDefault("PARLEY_TEST_POSTGRES_USER", "parley"),
                        System.getenv().getOrDefault("PARLEY_TEST_POSTGRES_PASSWORD", "parley")));
    }

    private record Stores(JdbcAccessLists lists, JdbcMutes mutes, JdbcStrikes strikes) {}

    private static DataSource migrated(Database database) throws Exception {
        assumeTrue(!database.url().isEmpty(), "PARLEY_TEST_POSTGRES_URL is not set");
        String url = database.url();
        String schema = null;
        if (database.name().equals("postgresql")) {
            schema = "access_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            url = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
        var dataSource = new SimpleDriverDataSource(java.sql.DriverManager.getDriver(url), url, database.user(),
                database.password());
        var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (schema != null) {
            flyway = flyway.schemas(schema).createSchemas(true);
        }
        flyway.load().migrate();
        return dataSource;
    }

    private static void dropSchema(Database database, DataSource dataSource) {
        if (database.name().equals("postgresql")) {
            String schema = JdbcClient.create(dataSource).sql("SELECT current_schema()").query(String.class).single();
            if (schema.startsWith("access_test_")) {
                JdbcClient.create(dataSource).sql("DROP SCHEMA " + schema + " CASCADE").update();
            }
        }
    }

    private static Stores stores(DataSource dataSource) {
        var transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        var jdbc = JdbcClient.create(dataSource);
        return new Stores(new JdbcAccessLists(jdbc, transactions), new JdbcMutes(jdbc, transactions),
                new JdbcStrikes(jdbc, transactions));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void accessListsMutesAndStrikesSurviveNewStoresOnTheSameDatabase(Database database) throws Exception {
        DataSource dataSource = migrated(database);
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
            dropSchema(database, dataSource);
        }
    }
}
