package dev.parley.app.storage;

import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryScores;
import dev.parley.core.moderation.Direction;
import dev.parley.core.review.Resolution;
import dev.parley.core.review.ReviewAction;
import dev.parley.core.review.ReviewItem;
import dev.parley.core.review.ReviewStore;
import dev.parley.core.settings.ScopeKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Review items in the review_item table (V12). Its blocked_text column is never written since V15:
 * an item keeps no more of the text than its redacted excerpt. An item is resolved by one conditional UPDATE
 * ({@code WHERE resolved_by IS NULL}) whose row count says who won, so two processes or two admins
 * pressing at once resolve it once. A claim whose action failed is released by another conditional
 * UPDATE that matches only that claim.
 */
public final class JdbcReviewStore implements ReviewStore {

    private static final String COLUMNS = """
            id, created_at, platform, scope_id, channel_id, thread_id, author_id, message_id, direction, category,
            rule_name, scores, text_hash, excerpt, resolution, resolved_by, resolved_at, resolution_detail""";

    private final JdbcClient jdbc;
    private final ScopeRows scopes;

    public JdbcReviewStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.scopes = new ScopeRows(jdbc);
    }

    @Override
    public boolean add(ReviewItem item) {
        try {
            scopes.bound("""
                            INSERT INTO review_item (id, created_at, platform, scope_id, channel_id, thread_id, author_id,
                                message_id, direction, category, rule_name, scores, text_hash, excerpt)
                            VALUES (:id, :at, :platform, :scope, :channel, :thread, :author, :message, :direction,
                                :category, :rule, :scores, :hash, :excerpt)""", item.scope())
                    .param("id", item.id())
                    .param("at", Timestamp.from(item.createdAt()))
                    .param("channel", item.location().channelId())
                    .param("thread", item.location().threadId())
                    .param("author", item.authorId())
                    .param("message", item.messageId())
                    .param("direction", item.direction().name())
                    .param("category", item.category())
                    .param("rule", item.rule())
                    .param("scores", scores(item.scores()))
                    .param("hash", item.hash())
                    .param("excerpt", item.excerpt())
                    .update();
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    @Override
    public Optional<ReviewItem> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM review_item WHERE id = :id").param("id", id)
                .query((rs, n) -> item(rs)).optional();
    }

    @Override
    public List<ReviewItem> pending(ScopeKey scope, int limit) {
        return scopes.bound("SELECT " + COLUMNS + """
                         FROM review_item WHERE platform = :platform AND scope_id = :scope AND resolved_by IS NULL
                        ORDER BY created_at, id""", scope)
                .query((rs, n) -> item(rs)).stream().limit(limit).toList();
    }

    @Override
    public List<ReviewItem> resolved(ScopeKey scope, int limit) {
        return scopes.bound("SELECT " + COLUMNS + """
                         FROM review_item WHERE platform = :platform AND scope_id = :scope AND resolved_by IS NOT NULL
                        ORDER BY resolved_at DESC, id""", scope)
                .query((rs, n) -> item(rs)).stream().limit(limit).toList();
    }

    @Override
    public boolean resolve(String id, Resolution how) {
        return jdbc.sql("""
                        UPDATE review_item SET resolution = :action, resolved_by = :by, resolved_at = :at,
                            resolution_detail = :detail
                        WHERE id = :id AND resolved_by IS NULL""")
                .param("action", how.action().name())
                .param("by", how.by())
                .param("at", Timestamp.from(how.at()))
                .param("detail", how.detail())
                .param("id", id)
                .update() == 1;
    }

    @Override
    public boolean release(String id, Resolution how) {
        return jdbc.sql("""
                        UPDATE review_item SET resolution = NULL, resolved_by = NULL, resolved_at = NULL,
                            resolution_detail = NULL
                        WHERE id = :id AND resolved_by = :by AND resolved_at = :at AND resolution = :action""")
                .param("id", id)
                .param("by", how.by())
                .param("at", Timestamp.from(how.at()))
                .param("action", how.action().name())
                .update() == 1;
    }

    @Override
    public int purgeResolvedBefore(Instant before) {
        return jdbc.sql("DELETE FROM review_item WHERE resolved_by IS NOT NULL AND resolved_at < :before")
                .param("before", Timestamp.from(before))
                .update();
    }

    private static ReviewItem item(ResultSet rs) throws SQLException {
        Platform platform = Platform.valueOf(rs.getString("platform"));
        String scopeId = rs.getString("scope_id");
        Timestamp resolvedAt = rs.getTimestamp("resolved_at");
        String by = rs.getString("resolved_by");
        Resolution resolution = by == null || resolvedAt == null ? null
                : new Resolution(ReviewAction.valueOf(rs.getString("resolution")), by, resolvedAt.toInstant(),
                        rs.getString("resolution_detail"));
        return new ReviewItem(rs.getString("id"), rs.getTimestamp("created_at").toInstant(),
                new ScopeKey(platform, scopeId),
                new Location(platform, scopeId, rs.getString("channel_id"), rs.getString("thread_id")),
                rs.getString("author_id"), rs.getString("message_id"), Direction.valueOf(rs.getString("direction")),
                rs.getString("category"), rs.getString("rule_name"), scores(rs.getString("scores")),
                rs.getString("text_hash"), rs.getString("excerpt"), resolution);
    }

    /** The non-zero scores as {@code violence=0.8234;hate=0.1}: the API names never hold '=' or ';'. */
    private static String scores(CategoryScores scores) {
        return scores.asMap().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey().apiName() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    private static CategoryScores scores(String stored) {
        Map<Category, Double> scores = new EnumMap<>(Category.class);
        for (String pair : stored.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                Category.fromApiName(pair.substring(0, eq).toLowerCase(Locale.ROOT))
                        .ifPresent(c -> scores.put(c, Double.parseDouble(pair.substring(eq + 1))));
            }
        }
        return CategoryScores.of(scores);
    }
}
