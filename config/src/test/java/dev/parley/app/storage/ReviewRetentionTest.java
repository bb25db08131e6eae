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
import dev.parley.core.review.ReviewRetention;
import dev.parley.core.settings.ScopeKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The review queue's retention on H2 and, when one is named, PostgreSQL, by a fixed clock. */
class ReviewRetentionTest {

    private static final ScopeKey SCOPE = new ScopeKey(Platform.TELEGRAM, "-100123");
    private static final Location WHERE = new Location(Platform.TELEGRAM, "-100123", "-100123", null);
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private static ReviewItem item(String id, Instant at) {
        return new ReviewItem(id, at, SCOPE, WHERE, "43", "-100123:" + id, Direction.INPUT, "violence", "lexicon",
                CategoryScores.none().with(Category.VIOLENCE, 0.9), "0123456789abcdef", null, null);
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void purge_deletesItemsResolvedBeforeTheRetentionAndKeepsPendingOnes(TestDatabase database) {
        TestDatabase copy = database.migratedCopy();
        try {
            JdbcClient jdbc = JdbcClient.create(copy.dataSource());
            var store = new JdbcReviewStore(jdbc);
            Instant longAgo = NOW.minus(Duration.ofDays(200));
            store.add(item("pendng", longAgo)); // pending for 200 days: kept
            store.add(item("oldres", longAgo));
            store.resolve("oldres", new Resolution(ReviewAction.CONFIRM, "42", NOW.minus(Duration.ofDays(91)), "confirmed"));
            store.add(item("edgeok", longAgo));
            store.resolve("edgeok", new Resolution(ReviewAction.CONFIRM, "42", NOW.minus(Duration.ofDays(90)), "confirmed"));
            store.add(item("recent", longAgo));
            store.resolve("recent", new Resolution(ReviewAction.BAN, "42", NOW.minus(Duration.ofDays(1)), "blocked"));

            int purged = new ReviewRetention(store, Duration.ofDays(90), InstantSource.fixed(NOW)).purge();

            assertThat(purged).isEqualTo(1);
            assertThat(jdbc.sql("SELECT id FROM review_item ORDER BY id").query(String.class).list())
                    .containsExactly("edgeok", "pendng", "recent");
            assertThat(new ReviewRetention(store, Duration.ofDays(90), InstantSource.fixed(NOW)).purge()).isZero();
            assertThat(new ReviewRetention(store, Duration.ofDays(1), InstantSource.fixed(NOW.plusSeconds(1))).purge())
                    .as("a shorter retention").isEqualTo(2);
            assertThat(jdbc.sql("SELECT id FROM review_item").query(String.class).list()).containsExactly("pendng");
        } finally {
            copy.drop();
        }
    }
}
