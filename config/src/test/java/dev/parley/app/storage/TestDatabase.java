package dev.parley.app.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A database the storage tests run on: H2 in memory always, PostgreSQL when
 * {@code PARLEY_TEST_POSTGRES_URL} names one ({@code .ci/run} starts one). A test works on a
 * {@link #migratedCopy()}: a new in-memory H2, or on PostgreSQL a schema of its own, so no test
 * cleans a database another test or another checkout is using.
 *
 * @param schema the PostgreSQL schema of a copy, or null
 */
record TestDatabase(String name, String url, String user, String password, @Nullable String schema) {

    /** Both databases, for {@code @MethodSource}; PostgreSQL's tests are skipped when none is named. */
    static Stream<TestDatabase> all() {
        String postgres = System.getenv("PARLEY_TEST_POSTGRES_URL");
        return Stream.of(
                new TestDatabase("h2", "jdbc:h2:mem:parley", "sa", "", null),
                new TestDatabase("postgresql", postgres == null ? "" : postgres,
                        System.getenv().getOrDefault("PARLEY_TEST_POSTGRES_USER", "parley"),
                        System.getenv().getOrDefault("PARLEY_TEST_POSTGRES_PASSWORD", "parley"), null));
    }

    /** A fresh copy with every migration applied; {@link #url()} names it, {@link #drop()} removes it. */
    TestDatabase migratedCopy() {
        assumeTrue(!url.isEmpty(), "PARLEY_TEST_POSTGRES_URL is not set");
        TestDatabase copy;
        if (name.equals("postgresql")) {
            String newSchema = "storage_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            copy = new TestDatabase(name, url + (url.contains("?") ? "&" : "?") + "currentSchema=" + newSchema,
                    user, password, newSchema);
        } else {
            copy = new TestDatabase(name, "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", user, password, null);
        }
        var flyway = Flyway.configure().dataSource(copy.dataSource()).locations("classpath:db/migration");
        if (copy.schema != null) {
            flyway = flyway.schemas(copy.schema).createSchemas(true);
        }
        flyway.load().migrate();
        return copy;
    }

    /** New connections to this database, as a process starting on it would open. */
    DataSource dataSource() {
        try {
            return new SimpleDriverDataSource(DriverManager.getDriver(url), url, user, password);
        } catch (SQLException e) {
            throw new IllegalStateException("no JDBC driver for " + name, e);
        }
    }

    /** Drops a PostgreSQL copy's schema; an H2 copy goes with the JVM. */
    void drop() {
        if (schema != null) {
            JdbcClient.create(dataSource()).sql("DROP SCHEMA " + schema + " CASCADE").update();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
