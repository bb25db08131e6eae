package dev.parley.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditHash;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit hash's key in the database: one per installation, kept across restarts, one even when
 * processes start together. On H2 always and PostgreSQL when {@code PARLEY_TEST_POSTGRES_URL} is set.
 */
class JdbcInstallationSecretsTest {

    private static final String BLOCKED = "kill";

    /** What a process starting on {@code database} uses: its own connections, its own random source. */
    private static AuditHash startedOn(TestDatabase database) {
        DataSource fresh = database.dataSource();
        return new AuditHash(new JdbcInstallationSecrets(JdbcClient.create(fresh), new SecureRandom()).auditHashKey());
    }

    private final List<TestDatabase> copies = new ArrayList<>();

    /** A fresh migrated copy of {@code database}, as a new installation finds it; dropped after the test. */
    private TestDatabase copyOf(TestDatabase database) {
        TestDatabase copy = database.migratedCopy();
        copies.add(copy);
        return copy;
    }

    @AfterEach
    void dropCopies() {
        copies.forEach(TestDatabase::drop);
    }

    private static int rows(DataSource dataSource) {
        return JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM installation_secret").query(Integer.class).single();
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void theAuditHashOfATextIsTheSameAfterARestart(TestDatabase database) throws Exception {
        TestDatabase copy = copyOf(database);
        DataSource dataSource = copy.dataSource();

        String beforeRestart = startedOn(copy).of(BLOCKED);
        String afterRestart = startedOn(copy).of(BLOCKED);

        assertThat(afterRestart).isEqualTo(beforeRestart);
        assertThat(rows(dataSource)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void twoInstallationsHashTheSameTextDifferently(TestDatabase database) throws Exception {
        String first = startedOn(copyOf(database)).of(BLOCKED);

        String second = startedOn(copyOf(database)).of(BLOCKED); // a new, empty database: another installation

        assertThat(second).isNotEqualTo(first).matches("[0-9a-f]{16}");
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void processesStartingTogetherOnOneDatabaseEndWithOneSecret(TestDatabase database) throws Exception {
        TestDatabase copy = copyOf(database);
        DataSource dataSource = copy.dataSource();
        int processes = 8;
        var together = new CyclicBarrier(processes);
        List<Future<String>> hashes = new ArrayList<>();

        try (ExecutorService starts = Executors.newFixedThreadPool(processes)) {
            for (int i = 0; i < processes; i++) {
                hashes.add(starts.submit(() -> {
                    together.await();
                    return startedOn(copy).of(BLOCKED);
                }));
            }
        }

        List<String> seen = new ArrayList<>();
        for (Future<String> hash : hashes) {
            seen.add(hash.get());
        }
        assertThat(seen).hasSize(processes).containsOnly(seen.getFirst());
        assertThat(rows(dataSource)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void aProcessWhoseInsertLosesTheRaceTakesTheWinnersSecret(TestDatabase database) throws Exception {
        TestDatabase copy = copyOf(database);
        DataSource dataSource = copy.dataSource();
        byte[] winnersKey = new byte[JdbcInstallationSecrets.SECRET_BYTES];
        new SecureRandom().nextBytes(winnersKey);

        try (Connection winner = dataSource.getConnection();
                ExecutorService loserThread = Executors.newSingleThreadExecutor()) {
            winner.setAutoCommit(false);
            try (var insert = winner.prepareStatement(
                    "INSERT INTO installation_secret (name, secret, created) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                insert.setString(1, JdbcInstallationSecrets.AUDIT_HASH);
                insert.setString(2, Base64.getEncoder().encodeToString(winnersKey));
                insert.executeUpdate();
            }
            // the loser cannot see the uncommitted row, so its insert waits on the primary key
            Future<String> loser = loserThread.submit(() -> startedOn(copy).of(BLOCKED));
            awaitASessionBlocked(copy, dataSource);
            winner.commit();

            assertThat(loser.get()).isEqualTo(new AuditHash(winnersKey).of(BLOCKED));
        }
        assertThat(rows(dataSource)).isEqualTo(1);
    }

    /** Waits until a session waits for another's lock: the loser's insert, on the winner's row. */
    private static void awaitASessionBlocked(TestDatabase database, DataSource dataSource) throws InterruptedException {
        // H2 leaves BLOCKER_ID empty for a wait on a key: the loser's insert is still running instead
        String blocked = database.name().equals("h2")
                ? "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_STATE = 'RUNNING'"
                        + " AND EXECUTING_STATEMENT LIKE '%INSERT INTO installation_secret%' AND SESSION_ID <> SESSION_ID()"
                : "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()";
        JdbcClient jdbc = JdbcClient.create(dataSource);
        for (int polls = 0; jdbc.sql(blocked).query(Integer.class).single() == 0; polls++) {
            if (polls > 5_000) {
                throw new AssertionError("no session ever waited for the uncommitted secret");
            }
            Thread.sleep(2);
        }
    }
}
