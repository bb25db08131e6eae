package dev.parley.bench.moderation.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.core.moderation.Category;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads the real training data, when it is there: the folder in system property
 * {@code parley.moderation.train}, else {@code shared/moderation-train} in the working directory or
 * a parent of it (CI's clone has {@code ../shared} beside it). Skipped otherwise. Asserts counts
 * and invariants only, never a text.
 */
class TrainingCorpusTest {

    /** Rows per set as the data's README gives them (Reddit-BR without its 99 disagreements). */
    private static final Map<String, Integer> README_ROWS = Map.ofEntries(
            Map.entry("advbench", 1_094),
            Map.entry("davidson-hate-offensive", 24_783),
            Map.entry("do-not-answer", 939),
            Map.entry("harmbench", 400),
            Map.entry("oasst-prompts-en", 350),
            Map.entry("reddit-br-toxicity", 2_401),
            Map.entry("reddit-cssrs-suicide", 500),
            Map.entry("rtp-challenging", 700),
            Map.entry("self-instruct-prompts", 427),
            Map.entry("simple-safety-tests", 100),
            Map.entry("strongreject", 313),
            Map.entry("toxic-spans", 10_629),
            Map.entry("toxigen-demonstrations", 627),
            Map.entry("tupy", 10_000));

    private static TrainingCorpus corpus;
    private static Path folder;

    @BeforeAll
    static void load() throws IOException {
        Optional<Path> found = dataFolder();
        assumeTrue(found.isPresent(), "no moderation-train folder; set -Dparley.moderation.train to run");
        folder = found.get();
        corpus = TrainingCorpus.load(folder);
    }

    private static Optional<Path> dataFolder() {
        String property = System.getProperty("parley.moderation.train");
        if (property != null) {
            return Optional.of(Path.of(property)).filter(Files::isDirectory);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/moderation-train");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Test
    void fourteenNonEmptySetsInNameOrder() {
        assertThat(corpus.sets()).hasSize(14);
        assertThat(corpus.sets()).extracting(CorpusSet::name).isSorted()
                .containsExactlyInAnyOrderElementsOf(README_ROWS.keySet());
        assertThat(corpus.sets()).allSatisfy(set -> assertThat(set.texts()).isNotEmpty());
    }

    @Test
    void rowCountsAreTheReadmesWithinTenPercent() {
        for (CorpusSet set : corpus.sets()) {
            int expected = README_ROWS.get(set.name());
            assertThat(set.read()).as(set.name()).isBetween((int) (expected * 0.9), (int) Math.ceil(expected * 1.1));
        }
    }

    @Test
    void labelsComeOnlyFromEachSetsMapping() {
        for (SetReader reader : TrainingCorpus.readers()) {
            assertThat(LabelledText.withParents(reader.categories())).as(reader.name()).isEqualTo(reader.categories());
            for (LabelledText text : corpus.set(reader.name()).texts()) {
                assertThat(reader.categories()).as(reader.name()).containsAll(text.labels());
                assertThat(text.set()).isEqualTo(reader.name());
                assertThat(text.language()).isEqualTo(reader.language());
            }
        }
    }

    @Test
    void noTextIsInTwoSetsOrTwiceInOne() {
        Map<String, String> owner = new HashMap<>();
        for (LabelledText text : corpus.texts()) {
            // as(...) names the sets only: the text itself is never printed
            String previous = owner.put(text.normalisedText(), text.set());
            assertThat(previous).as("a text of %s is also in %s", text.set(), previous).isNull();
        }
    }

    @Test
    void textsAreCutToTheLimit() {
        assertThat(corpus.texts()).allSatisfy(text -> assertThat(text.text().length()).isLessThanOrEqualTo(TextLimit.MAX_CHARS));
        assertThat(corpus.set("reddit-cssrs-suicide").truncated()).isPositive();
    }

    @Test
    void everySetButTheSafeOnesHasPositivesAndSafeSetsHaveNone() {
        assertThat(corpus.set("self-instruct-prompts").positives()).isZero();
        assertThat(corpus.set("simple-safety-tests").positives()).isEqualTo(100);
        assertThat(corpus.set("tupy").positives()).isBetween(1_500L, 1_728L);
        assertThat(corpus.texts()).filteredOn(text -> text.labels().contains(Category.SEXUAL_MINORS)).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void loadingTwiceGivesTheSameCorpus() throws IOException {
        assertThat(TrainingCorpus.load(folder)).isEqualTo(corpus);
    }
}
