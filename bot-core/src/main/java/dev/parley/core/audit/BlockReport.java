package dev.parley.core.audit;

import dev.parley.core.conversation.Location;
import dev.parley.core.moderation.CategoryScores;
import dev.parley.core.moderation.Direction;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One moderation block as a scope's audit channel is told of it. Never holds the blocked text:
 * only a hash of it and, if the scope's policy asks for one, a short excerpt with the words that
 * triggered the block masked.
 *
 * @param location where the blocked message was written (or where the withheld reply would have gone)
 * @param auditChannelId the channel of the scope that gets the report
 * @param authorId the author of the message, or of the prompt whose reply was withheld
 * @param messageId the platform's id of that message
 * @param category the category that blocked, in OpenAI's taxonomy, or {@code custom} / {@code unavailable}
 * @param rule the rule that decided
 * @param scores the score of every category behind the verdict
 * @param sha256 the blocked text's {@link AuditHash}: 16 hex digits of its HMAC-SHA256 under this
 *     installation's key, so repeats can be found (the name is the audit format's, kept)
 * @param excerpt at most 80 characters of the text with the triggering words masked, or null
 * @param reviewId the review item this block became, whose actions the report may offer, or null
 */
public record BlockReport(
        Instant at,
        ScopeKey scope,
        Location location,
        String auditChannelId,
        String authorId,
        String messageId,
        Direction direction,
        String category,
        String rule,
        CategoryScores scores,
        String sha256,
        @Nullable String excerpt,
        @Nullable String reviewId) {

    /** A report of a block that is not (yet) a review item. */
    public BlockReport(Instant at, ScopeKey scope, Location location, String auditChannelId, String authorId,
            String messageId, Direction direction, String category, String rule, CategoryScores scores, String sha256,
            @Nullable String excerpt) {
        this(at, scope, location, auditChannelId, authorId, messageId, direction, category, rule, scores, sha256,
                excerpt, null);
    }

    public BlockReport {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(auditChannelId, "auditChannelId");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** This report as the review item {@code id}. */
    public BlockReport withReviewId(String id) {
        return new BlockReport(at, scope, location, auditChannelId, authorId, messageId, direction, category, rule,
                scores, sha256, excerpt, Objects.requireNonNull(id, "id"));
    }
}
