package dev.parley.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryScores;
import dev.parley.core.moderation.Direction;
import dev.parley.core.review.Resolution;
import dev.parley.core.review.ReviewAction;
import dev.parley.core.review.ReviewItem;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The review queue's table (V12) on H2 and, when {@code PARLEY_TEST_POSTGRES_URL} names one,
 * PostgreSQL, each in a copy of this test's own.
 */
class JdbcReviewStoreTest {

    private static final ScopeKey SCOPE = new ScopeKey(Platform.TELEGRAM, "-100123");
    private static final Location WHERE = new Location(Platform.TELEGRAM, "-100123", "-100123", "7");
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    private static ReviewItem item(String id, String excerpt, Instant at) {
        return new ReviewItem(id, at, SCOPE, WHERE, "43", "-100123:9", Direction.INPUT, "violence", "lexicon",
                CategoryScores.none().with(Category.VIOLENCE, 0.8234).with(Category.HATE, 0.1), "0123456789abcdef",
                excerpt, null);
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void itemsSurviveNewStoresAndResolveOnce(TestDatabase database) {
        TestDatabase copy = database.migratedCopy();
        DataSource dataSource = copy.dataSource();
        try {
            var first = new JdbcReviewStore(JdbcClient.create(dataSource));
            assertThat(first.add(item("aaaaaa", "how do I *** a process", AT))).isTrue();
            assertThat(first.add(item("aaaaaa", null, AT))).as("a taken id").isFalse();
            assertThat(first.add(item("bbbbbb", null, AT.plusSeconds(1)))).isTrue();

            var reopened = new JdbcReviewStore(JdbcClient.create(dataSource));
            assertThat(reopened.find("aaaaaa")).contains(item("aaaaaa", "how do I *** a process", AT));
            assertThat(reopened.find("bbbbbb").orElseThrow().excerpt()).isNull();
            assertThat(reopened.pending(SCOPE, 10)).extracting(ReviewItem::id).containsExactly("aaaaaa", "bbbbbb");
            assertThat(reopened.pending(new ScopeKey(Platform.DISCORD, "-100123"), 10)).isEmpty();

            var how = new Resolution(ReviewAction.FALSE_POSITIVE, "42", AT.plusSeconds(60), "violence threshold 0.83");
            assertThat(reopened.resolve("aaaaaa", how)).isTrue();
            assertThat(reopened.resolve("aaaaaa", new Resolution(ReviewAction.BAN, "44", AT.plusSeconds(61), "x"))).isFalse();
            assertThat(reopened.find("aaaaaa").orElseThrow().resolution()).isEqualTo(how);
            assertThat(reopened.pending(SCOPE, 10)).extracting(ReviewItem::id).containsExactly("bbbbbb");
            assertThat(reopened.resolved(SCOPE, 10)).extracting(ReviewItem::id).containsExactly("aaaaaa");
        } finally {
            copy.drop();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void twoProcessesResolvingAtOnceResolveOnce(TestDatabase database) throws Exception {
        TestDatabase copy = database.migratedCopy();
        try {
            new JdbcReviewStore(JdbcClient.create(copy.dataSource())).add(item("cccccc", null, AT));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> claims = new ArrayList<>();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int admin = 0; admin < 8; admin++) {
                    // a store of its own each, as two processes on one database would have
                    var store = new JdbcReviewStore(JdbcClient.create(copy.dataSource()));
                    String by = "admin-" + admin;
                    claims.add(threads.submit(() -> {
                        start.await();
                        return store.resolve("cccccc", new Resolution(ReviewAction.CONFIRM, by, AT, "confirmed"));
                    }));
                }
                start.countDown();
                int won = 0;
                for (Future<Boolean> claim : claims) {
                    won += claim.get() ? 1 : 0;
                }
                assertThat(won).isEqualTo(1);
            }
        } finally {
            copy.drop();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void aClaimIsReleasedOnlyByItsOwnResolution(TestDatabase database) {
        TestDatabase copy = database.migratedCopy();
        try {
            var store = new JdbcReviewStore(JdbcClient.create(copy.dataSource()));
            store.add(item("dddddd", null, AT));
            var claim = new Resolution(ReviewAction.BAN, "42", AT.plusSeconds(60), "blocked user 43 from the bot");
            assertThat(store.resolve("dddddd", claim)).isTrue();

            assertThat(store.release("dddddd", new Resolution(ReviewAction.BAN, "44", AT.plusSeconds(60), "x")))
                    .as("another admin's").isFalse();
            assertThat(store.release("dddddd", claim)).isTrue();
            assertThat(store.release("dddddd", claim)).as("already given back").isFalse();
            assertThat(store.find("dddddd").orElseThrow()).isEqualTo(item("dddddd", null, AT));
            assertThat(store.pending(SCOPE, 10)).extracting(ReviewItem::id).containsExactly("dddddd");

            var second = new Resolution(ReviewAction.CONFIRM, "44", AT.plusSeconds(90), "confirmed");
            assertThat(store.resolve("dddddd", second)).as("claimed again by another admin").isTrue();
            assertThat(store.release("dddddd", claim)).as("a stale release").isFalse();
            assertThat(store.find("dddddd").orElseThrow().resolution()).isEqualTo(second);
        } finally {
            copy.drop();
        }
    }
}
