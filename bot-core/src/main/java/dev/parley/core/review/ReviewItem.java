package dev.parley.core.review;

import dev.parley.core.conversation.Location;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryScores;
import dev.parley.core.moderation.Direction;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One reported block waiting for, or resolved by, an admin.
 *
 * @param id short and typeable, e.g. {@code k3x9q2}
 * @param hash the blocked text's keyed hash ({@code AuditHash})
 * @param excerpt the redacted excerpt the audit channel was shown, kept where the scope's policy shows
 *     one ({@code /moderation excerpt redacted}), else null; the blocked text itself is never kept
 * @param resolution how it was resolved, or null while pending
 */
public record ReviewItem(
        String id,
        Instant createdAt,
        ScopeKey scope,
        Location location,
        String authorId,
        String messageId,
        Direction direction,
        String category,
        String rule,
        CategoryScores scores,
        String hash,
        @Nullable String excerpt,
        @Nullable Resolution resolution) {

    public ReviewItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(hash, "hash");
    }

    /** Whether no admin has resolved it yet. */
    public boolean pending() {
        return resolution == null;
    }

    /** The blocking category in the taxonomy, or empty for {@code custom} (a blocked term) and {@code unavailable}. */
    public Optional<Category> taxonomyCategory() {
        return Category.fromApiName(category);
    }

    /** This item resolved as {@code how}. */
    public ReviewItem resolved(Resolution how) {
        return new ReviewItem(id, createdAt, scope, location, authorId, messageId, direction, category, rule, scores,
                hash, excerpt, Objects.requireNonNull(how, "how"));
    }
}
