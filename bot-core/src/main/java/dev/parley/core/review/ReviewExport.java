package dev.parley.core.review;

import dev.parley.core.json.JsonString;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Resolved items as labelled examples for retraining: one JSON line each, in the shape the
 * {@code moderate} mode reads ({@code id}, {@code text}) and writes ({@code flagged},
 * {@code categories}, {@code category_scores}), with the admin's verdict as {@code flagged} and
 * {@code label}. Its {@code text} is the redacted excerpt the audit channel showed; an item whose
 * scope kept only the hash carries {@code sha256} and no text.
 */
public final class ReviewExport {

    private ReviewExport() {}

    /** The JSON lines of {@code items}, newline-separated; resolved items only. */
    public static String lines(List<ReviewItem> items) {
        return items.stream().filter(i -> !i.pending()).map(ReviewExport::line).collect(Collectors.joining("\n"));
    }

    /** One item's line. */
    static String line(ReviewItem item) {
        Resolution how = item.resolution();
        if (how == null) {
            throw new IllegalArgumentException("review " + item.id() + " is pending");
        }
        boolean flagged = how.action().harmful();
        StringBuilder json = new StringBuilder("{\"id\":").append(JsonString.of(item.id()));
        if (item.excerpt() != null) {
            // the redacted excerpt the admin saw: the blocked text itself is never kept
            json.append(",\"text\":").append(JsonString.of(item.excerpt()));
        }
        json.append(",\"sha256\":").append(JsonString.of(item.hash()))
                .append(",\"flagged\":").append(flagged)
                .append(",\"categories\":{").append(JsonString.of(item.category())).append(':').append(flagged).append('}')
                .append(",\"category_scores\":{");
        String scores = item.scores().asMap().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> JsonString.of(e.getKey().apiName()) + ":" + String.format(Locale.ROOT, "%.4f", e.getValue()))
                .collect(Collectors.joining(","));
        json.append(scores).append('}')
                .append(",\"label\":").append(JsonString.of(how.action().typed()))
                .append(",\"direction\":").append(JsonString.of(item.direction().name().toLowerCase(Locale.ROOT)))
                .append(",\"reviewed_by\":").append(JsonString.of(how.by()))
                .append(",\"reviewed_at\":").append(JsonString.of(how.at().toString()))
                .append('}');
        return json.toString();
    }
}
