package dev.parley.core.audit;

import dev.parley.core.moderation.Category;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The text of a block report in an audit channel, the same on every platform but for how the
 * author and the place are named and how the excerpt is quoted so that it formats or mentions
 * nothing: which way, who and where, the category and rule, the four highest scores, the hash,
 * the review item, and the excerpt on a line of its own. Never the blocked text.
 */
public final class BlockReportText {

    private static final int SHOWN_SCORES = 4;

    private final Function<BlockReport, String> whoAndWhere;
    private final UnaryOperator<String> quotedExcerpt;

    /**
     * @param whoAndWhere the author and the place in the platform's words, such as {@code user 7 in chat 9}
     * @param quotedExcerpt the excerpt quoted so the platform renders it as plain text, quotes included
     */
    public BlockReportText(Function<BlockReport, String> whoAndWhere, UnaryOperator<String> quotedExcerpt) {
        this.whoAndWhere = Objects.requireNonNull(whoAndWhere, "whoAndWhere");
        this.quotedExcerpt = Objects.requireNonNull(quotedExcerpt, "quotedExcerpt");
    }

    /** The report's text: {@code Input blocked: <who and where>, violence (lexicon), scores ..., sha256 ...}. */
    public String of(BlockReport report) {
        String scores = report.scores().asMap().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<Category, Double>comparingByValue().reversed())
                .limit(SHOWN_SCORES)
                .map(e -> e.getKey().apiName() + " " + String.format(Locale.ROOT, "%.2f", e.getValue()))
                .collect(Collectors.joining(", "));
        String direction = report.direction().name();
        StringBuilder text = new StringBuilder()
                .append(direction.charAt(0)).append(direction.substring(1).toLowerCase(Locale.ROOT))
                .append(" blocked: ").append(whoAndWhere.apply(report))
                .append(", ").append(report.category()).append(" (").append(report.rule()).append(')');
        if (!scores.isEmpty()) {
            text.append(", scores ").append(scores);
        }
        text.append(", sha256 ").append(report.sha256());
        if (report.reviewId() != null) {
            text.append(", review ").append(report.reviewId());
        }
        if (report.excerpt() != null) {
            text.append("\nExcerpt: ").append(quotedExcerpt.apply(report.excerpt()));
        }
        return text.toString();
    }
}
