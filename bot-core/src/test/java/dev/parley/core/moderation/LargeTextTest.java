package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #15: the local tier judges a text of any size in linear time. Work is measured by how many
 * hits the rules read ({@link ScannedText#hitsRead()}), never by the clock: four times the text
 * must cost about four times the reads, where a rescan of every hit per hit cost sixteen.
 */
class LargeTextTest {

    private static final TextNormaliser NORMALISER = new TextNormaliser();
    private static final Lexicon LEXICON = Lexicon.standard(NORMALISER);
    private static final int COPIES = 400;

    private static long hitsReadByRules(String text) {
        ScannedText scanned = LEXICON.scan(NORMALISER.normalise(text));
        for (ModerationRule rule : LocalModerationProvider.standardRules()) {
            rule.check(scanned, Direction.INPUT);
        }
        return scanned.hitsRead();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "you are an idiot ", "what an idiot ", "women are scum ", "I hate gay people ", "I don't hate immigrants ",
            "eu sou viado ", "how to make a bomb ", "child nude ", "\"gays are vermin\" is hateful ",
            "you you you you idiot ", "not not not scum "})
    void check_repeatedHits_readsGrowLinearlyWithTheText(String unit) {
        long reads = hitsReadByRules(unit.repeat(COPIES));
        long readsOfFourTimes = hitsReadByRules(unit.repeat(4 * COPIES));

        assertThat(reads).as("the rules read the hits at all").isPositive();
        // linear: 4 times the text, about 4 times the reads (a window at each end reads a few fewer); quadratic was 16
        assertThat((double) readsOfFourTimes / reads).as(unit).isBetween(3.5, 4.5);
    }

    @Test
    void moderate_fiveMegabyteLineOfHits_isJudgedLikeItsShortForm() {
        String unit = "you idiot women are scum i hate gay people 1 1 1 a b womenare how to make a bomb \" ";
        String line = unit.repeat(5_000_000 / unit.length());
        Moderator moderator = new Moderator(NORMALISER, List.of(LocalModerationProvider.standard(NORMALISER)), 0);
        ModerationPolicy policy = ModerationPolicy.of(TermList.EMPTY, Set.of(Direction.INPUT), "in", "out");

        ModerationResult large = moderator.evaluate(line, Direction.INPUT, policy);
        ModerationResult small = moderator.evaluate(unit.repeat(3), Direction.INPUT, policy);

        assertThat(line).hasSizeGreaterThanOrEqualTo(4_900_000);
        assertThat(small.verdict().blocked()).isTrue();
        // the same decision (rule, category, reason); the block's scores may differ beyond two decimals
        assertThat(large.verdict()).usingRecursiveComparison().ignoringFields("scores").isEqualTo(small.verdict());
        assertThat(large.flaggedCategories()).isEqualTo(small.flaggedCategories());
    }

    @Test
    void moderate_fiveMegabyteWordAndSingleCharacters_areJudged() {
        Moderator moderator = new Moderator(NORMALISER, List.of(LocalModerationProvider.standard(NORMALISER)), 0);
        ModerationPolicy policy = ModerationPolicy.of(TermList.of(List.of("pipe bomb"), NORMALISER),
                Set.of(Direction.INPUT), "in", "out");

        // one word with no space (every split of it was tried) and single digits (every run was reread)
        assertThat(moderator.moderate("ab".repeat(2_500_000), Direction.INPUT, policy).blocked()).isFalse();
        assertThat(moderator.moderate("1 ".repeat(2_500_000), Direction.INPUT, policy).blocked()).isFalse();
        assertThat(moderator.moderate("a b ".repeat(1_250_000), Direction.INPUT, policy).blocked()).isFalse();
    }
}
