package dev.parley.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryScores;
import dev.parley.core.moderation.Direction;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockReportTextTest {

    private final BlockReportText text = new BlockReportText(r -> "user " + r.authorId(), e -> "[" + e + "]");

    private static BlockReport report(CategoryScores scores, String excerpt) {
        return new BlockReport(Instant.parse("2026-11-26T22:00:00Z"), new ScopeKey(Platform.TELEGRAM, "-1"),
                new Location(Platform.TELEGRAM, "-1", "-1", null), "-2", "7", "-1:9", Direction.INPUT, "violence",
                "lexicon", scores, "0123456789abcdef", excerpt);
    }

    @Test
    void of_namesTheWayTheAuthorTheCategoryTheTopFourScoresAndTheHash() {
        CategoryScores scores = CategoryScores.of(Map.of(Category.VIOLENCE, 0.9, Category.HATE, 0.2,
                Category.HARASSMENT, 0.5, Category.ILLICIT, 0.1, Category.SEXUAL, 0.05, Category.SELF_HARM, 0.0));

        assertThat(text.of(report(scores, null))).isEqualTo("Input blocked: user 7, violence (lexicon), scores"
                + " violence 0.90, harassment 0.50, hate 0.20, illicit 0.10, sha256 0123456789abcdef");
    }

    @Test
    void of_withoutScoresOmitsThemAndAddsTheReviewAndTheQuotedExcerpt() {
        BlockReport report = report(CategoryScores.none(), "a **** b").withReviewId("r1");

        assertThat(text.of(report)).isEqualTo(
                "Input blocked: user 7, violence (lexicon), sha256 0123456789abcdef, review r1\nExcerpt: [a **** b]");
    }
}
