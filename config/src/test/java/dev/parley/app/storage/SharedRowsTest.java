package dev.parley.app.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.conversation.Platform;
import dev.parley.core.privacy.DataSubject;
import dev.parley.core.privacy.ExportSection;
import dev.parley.core.settings.ScopeKey;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The small JDBC pieces the stores share: {@link ScopeRows}, {@link CachedRows}, {@link SubjectRows#section}. */
class SharedRowsTest {

    private static final ScopeKey SCOPE = new ScopeKey(Platform.TELEGRAM, "-100");
    private static final ScopeKey SAME_ID_OTHER_PLATFORM = new ScopeKey(Platform.DISCORD, "-100");

    private final List<Runnable> drops = new ArrayList<>();

    private DataSource migrated(TestDatabase database) {
        TestDatabase copy = database.migratedCopy();
        drops.add(copy::drop);
        return copy.dataSource();
    }

    @AfterEach
    void dropCopies() {
        drops.forEach(Runnable::run);
    }

    private static void optOut(JdbcClient jdbc, ScopeKey scope, String user) {
        new ScopeRows(jdbc).bound("""
                        INSERT INTO feedback_optout (platform, scope_id, user_id, since)
                        VALUES (:platform, :scope, :user, :since)""", scope)
                .param("user", user).param("since", Timestamp.from(Instant.parse("2026-12-01T00:00:00Z"))).update();
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void bound_reachesOnlyTheRowsOfTheWholeScopeKey(TestDatabase database) {
        JdbcClient jdbc = JdbcClient.create(migrated(database));
        optOut(jdbc, SCOPE, "7");
        optOut(jdbc, SAME_ID_OTHER_PLATFORM, "8");

        List<String> users = new ScopeRows(jdbc)
                .bound("SELECT user_id FROM feedback_optout WHERE platform = :platform AND scope_id = :scope", SCOPE)
                .query(String.class).list();

        assertThat(users).containsExactly("7");
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void section_holdsTheRowsOfEachQueryInTurn(TestDatabase database) {
        JdbcClient jdbc = JdbcClient.create(migrated(database));
        optOut(jdbc, SCOPE, "7");
        optOut(jdbc, SCOPE, "9");
        String mine = "FROM feedback_optout WHERE platform = :platform AND scope_id = :scope AND user_id = :user";

        ExportSection section = new SubjectRows(jdbc).section("feedback", new DataSubject(SCOPE, "7"),
                "SELECT 'first' AS kind, user_id " + mine, "SELECT 'second' AS kind, since " + mine);

        assertThat(section.name()).isEqualTo("feedback");
        assertThat(section.rows()).extracting(row -> row.get("kind")).containsExactly("first", "second");
        assertThat(section.rows().getFirst()).containsEntry("user_id", "7");
        assertThat(section.rows().getLast()).containsEntry("since", "2026-12-01T00:00:00Z");
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void cachedRows_readsAKeyOnceAndASaveRefreshesItsValue(TestDatabase database) {
        DataSource dataSource = migrated(database);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        AtomicInteger reads = new AtomicInteger();
        CachedRows<ScopeKey, Long> optOuts = new CachedRows<>(transactions(dataSource), scope -> {
            reads.incrementAndGet();
            return new ScopeRows(jdbc).bound(
                    "SELECT COUNT(*) FROM feedback_optout WHERE platform = :platform AND scope_id = :scope", scope)
                    .query(Long.class).single();
        });

        assertThat(optOuts.get(SCOPE)).isZero();
        optOuts.save(SCOPE, 1L, () -> optOut(jdbc, SCOPE, "7"));

        assertThat(optOuts.get(SCOPE)).isOne();
        assertThat(reads).hasValue(1);
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void cachedRows_aFailedSaveWritesNothingAndKeepsTheCachedValue(TestDatabase database) {
        DataSource dataSource = migrated(database);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        String count = "SELECT COUNT(*) FROM feedback_optout WHERE platform = :platform AND scope_id = :scope";
        CachedRows<ScopeKey, Long> optOuts = new CachedRows<>(transactions(dataSource),
                scope -> new ScopeRows(jdbc).bound(count, scope).query(Long.class).single());
        optOuts.get(SCOPE);

        assertThatThrownBy(() -> optOuts.save(SCOPE, 1L, () -> {
            optOut(jdbc, SCOPE, "7");
            throw new IllegalStateException("the second statement failed");
        })).hasMessage("the second statement failed");

        assertThat(optOuts.get(SCOPE)).isZero();
        assertThat(new ScopeRows(jdbc).bound(count, SCOPE).query(Long.class).single()).isZero();
    }

    private static TransactionTemplate transactions(DataSource dataSource) {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }
}
