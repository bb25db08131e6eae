package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import dev.parley.core.testing.AnsweredMessageGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModeratorTest {

    private static final Set<Direction> BOTH = Set.of(Direction.INPUT, Direction.OUTPUT);

    private final TextNormaliser normaliser = new TextNormaliser();
    private final Moderator moderator = new Moderator(normaliser);

    private ModerationPolicy policy(Set<Direction> directions, String... terms) {
        return ModerationPolicy.of(TermList.of(List.of(terms), normaliser), directions, "input blocked", "output blocked");
    }

    private ModerationPolicy both(String... terms) {
        return policy(BOTH, terms);
    }

    private static ModerationProvider scoring(String name, Category category, double score) {
        return ScriptedProvider.answering(name, new Assessment(CategoryScores.none().with(category, score),
                Map.of(category, name + "-rule: because")));
    }

    @Test
    void blocksATermThatStandsAsAWholeWord() {
        Verdict verdict = moderator.moderate("how do I build a bomb?", Direction.INPUT, both("bomb"));

        assertThat(verdict).isEqualTo(new Verdict.Block("blocked-terms", "custom", "contains a blocked term"));
        assertThat(verdict.blocked()).isTrue();
    }

    @Test
    void blocksATermAtTheVeryStartAndEndOfTheText() {
        assertThat(moderator.moderate("bomb", Direction.INPUT, both("bomb")).blocked()).isTrue();
        assertThat(moderator.moderate("bomb it", Direction.INPUT, both("bomb")).blocked()).isTrue();
        assertThat(moderator.moderate("a bomb", Direction.INPUT, both("bomb")).blocked()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a bombastic speech", "the bombs", "abomb"})
    void allowsATermOnlyFoundInsideALongerWord(String text) {
        assertThat(moderator.moderate(text, Direction.INPUT, both("bomb"))).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void matchesMultiWordTermsAcrossAnyPunctuationAndSpacing() {
        ModerationPolicy policy = both("pipe bomb");

        assertThat(moderator.moderate("a PIPE...   bomb!", Direction.INPUT, policy).blocked()).isTrue();
        assertThat(moderator.moderate("a pipe, then a bomb", Direction.INPUT, policy).blocked()).isFalse();
        assertThat(moderator.moderate("a pipebomb", Direction.INPUT, policy).blocked()).isFalse();
    }

    @Test
    void matchesTermsThroughQuotationMarks() {
        assertThat(moderator.moderate("a pipe \"bomb\"", Direction.INPUT, both("pipe bomb")).blocked()).isTrue();
        assertThat(moderator.moderate("\u201Cbomb\u201D", Direction.INPUT, both("bomb")).blocked()).isTrue();
    }

    @Test
    void normalisesTheConfiguredTermsToo() {
        assertThat(moderator.moderate("bomb", Direction.INPUT, both("  BÓMB! ")).blocked()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ｂｏｍｂ",                 // full-width
            "BOMB",                     // case
            "bómb",                     // accent
            "bo\u200Bmb",               // zero-width space
            "b\u200Do\u200Cmb",         // zero-width joiner / non-joiner
            "\u202Ebomb\u202C",         // bidi override
            "b\u00ADomb",               // soft hyphen
            "B\u0336O\u0336M\u0336B\u0336", // strikethrough
            "b\u043Emb",                // Cyrillic o
            "b\u03BFmb",                // Greek omicron
            "b0mb",                     // leetspeak
            "b o m b",                  // spaced out
            "b.o.m.b",                  // dotted out
            "b-o-m-b",                  // hyphenated out
            "\u24D1\u24DE\u24DC\u24D1", // circled
    })
    void blocksCommonEvasionsOfATerm(String evasion) {
        assertThat(moderator.moderate("make a " + evasion + " now", Direction.INPUT, both("bomb")).blocked())
                .as("evasion %s", evasion)
                .isTrue();
    }

    @Test
    void allowsEverythingInADirectionThePolicyDoesNotModerate() {
        ModerationPolicy inputOnly = policy(Set.of(Direction.INPUT), "bomb");

        assertThat(moderator.moderate("a bomb", Direction.OUTPUT, inputOnly)).isEqualTo(Verdict.ALLOW);
        assertThat(moderator.moderate("a bomb", Direction.INPUT, inputOnly).blocked()).isTrue();
    }

    @Test
    void ignoresTermsThatAreBlankAfterNormalisation() {
        assertThat(moderator.moderate("anything at all, really!", Direction.INPUT, both("", "   ", "?!", "\u200B")))
                .isEqualTo(Verdict.ALLOW);
    }

    @Test
    void noticeDependsOnDirection() {
        ModerationPolicy policy = both("x");

        assertThat(policy.notice(Direction.INPUT)).isEqualTo("input blocked");
        assertThat(policy.notice(Direction.OUTPUT)).isEqualTo("output blocked");
    }

    @Test
    void combinesTiersByTakingTheHighestScorePerCategory() {
        Moderator tiers = new Moderator(normaliser, List.of(
                scoring("cheap", Category.HATE, 0.3),
                ScriptedProvider.answering("dear", new Assessment(CategoryScores.none().with(Category.HATE, 0.2)
                        .with(Category.VIOLENCE, 0.4), Map.of()))), 0);

        ModerationResult result = tiers.evaluate("text", Direction.INPUT, both());

        assertThat(result.scores().score(Category.HATE)).isEqualTo(0.3);
        assertThat(result.scores().score(Category.VIOLENCE)).isEqualTo(0.4);
        assertThat(result.flagged()).isFalse();
        assertThat(result.verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void blocksASevereCategoryByDefaultAndSaysWhichAndWhy() {
        Moderator tiers = new Moderator(normaliser, List.of(scoring("local", Category.SEXUAL_MINORS, 0.9)), 0);

        ModerationResult result = tiers.evaluate("text", Direction.INPUT, both());

        assertThat(result.flagged()).isTrue();
        assertThat(result.flaggedCategories()).containsExactly(Category.SEXUAL_MINORS);
        assertThat(result.categories()).containsEntry(Category.SEXUAL_MINORS, true).containsEntry(Category.HATE, false);
        assertThat(result.verdict()).isInstanceOfSatisfying(Verdict.Block.class, block -> {
            assertThat(block.category()).isEqualTo("sexual/minors");
            assertThat(block.rule()).isEqualTo("local-rule");
            assertThat(block.reason()).contains("0.90", "because");
        });
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.555, 0.625, 0.865, 0.994999, 0.995, 1.0, 0.7 * 0.95})
    void writesTheBlockingScoreWithTwoDecimalsAsTheFormatterRoundsIt(double score) {
        Moderator tiers = new Moderator(normaliser, List.of(scoring("local", Category.SEXUAL_MINORS, score)), 0);

        Verdict verdict = tiers.moderate("text", Direction.INPUT, both());

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Block.class, block -> assertThat(block.reason())
                .isEqualTo("sexual/minors " + String.format(java.util.Locale.ROOT, "%.2f", score) + ": local-rule: because"));
    }

    @Test
    void flagsButAllowsACategoryWhoseActionIsFlag() {
        Moderator tiers = new Moderator(normaliser, List.of(scoring("local", Category.HARASSMENT, 0.8)), 0);

        ModerationResult result = tiers.evaluate("text", Direction.INPUT, both());

        assertThat(result.flagged()).isTrue();
        assertThat(result.flaggedCategories()).containsExactly(Category.HARASSMENT);
        assertThat(result.verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void ignoresACategoryThatIsOffAndHonoursThresholds() {
        Moderator tiers = new Moderator(normaliser, List.of(scoring("local", Category.VIOLENCE, 0.6)), 0);
        ModerationPolicy off = both().with(Category.VIOLENCE, new CategorySetting(CategoryAction.OFF, 0.5));
        ModerationPolicy strictBlock = both().with(Category.VIOLENCE, new CategorySetting(CategoryAction.BLOCK, 0.6));
        ModerationPolicy laxBlock = both().with(Category.VIOLENCE, new CategorySetting(CategoryAction.BLOCK, 0.61));

        assertThat(tiers.evaluate("text", Direction.INPUT, off).flagged()).isFalse();
        assertThat(tiers.moderate("text", Direction.INPUT, strictBlock).blocked()).isTrue();
        assertThat(tiers.moderate("text", Direction.INPUT, laxBlock).blocked()).isFalse();
    }

    @Test
    void spareslaterTiersOnceAnEarlierOneBlocks() {
        ScriptedProvider later = ScriptedProvider.answering("later", Assessment.NONE);
        Moderator tiers = new Moderator(normaliser, List.of(scoring("local", Category.ILLICIT_VIOLENT, 0.95), later), 0);

        assertThat(tiers.moderate("text", Direction.INPUT, both()).blocked()).isTrue();
        assertThat(later.calls.get()).isZero();
    }

    @Test
    void failsOpenWhenAProviderFailsUnderAFailOpenPolicy() {
        Moderator tiers = new Moderator(normaliser,
                List.of(scoring("local", Category.HATE, 0.1), ScriptedProvider.failing("remote", false)), 0);

        ModerationResult result = tiers.evaluate("text", Direction.INPUT, both().failing(FailureMode.FAIL_OPEN));

        assertThat(result.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(result.unavailable()).containsExactly("remote");
        assertThat(result.scores().score(Category.HATE)).isEqualTo(0.1);
    }

    @Test
    void failsClosedWhenAProviderFailsUnderAFailClosedPolicy() {
        Moderator tiers = new Moderator(normaliser, List.of(ScriptedProvider.failing("remote", false)), 0);
        ModerationPolicy closed = both().failing(FailureMode.FAIL_CLOSED);

        ModerationResult result = tiers.evaluate("text", Direction.INPUT, closed);

        assertThat(result.verdict()).isInstanceOfSatisfying(Verdict.Block.class, block -> {
            assertThat(block.category()).isEqualTo(ModerationPolicy.UNAVAILABLE_CATEGORY);
            assertThat(block.reason()).contains("remote");
            assertThat(closed.notice(Direction.INPUT, block)).isEqualTo(closed.unavailableNotice());
        });
        assertThat(result.unavailable()).containsExactly("remote");
    }

    @Test
    void treatsATimeoutLikeAnyOtherFailure() {
        Moderator tiers = new Moderator(normaliser, List.of(ScriptedProvider.failing("remote", true)), 0);

        assertThat(tiers.moderate("text", Direction.INPUT, both().failing(FailureMode.FAIL_CLOSED)).blocked()).isTrue();
        assertThat(tiers.moderate("text", Direction.INPUT, both().failing(FailureMode.FAIL_OPEN)).blocked()).isFalse();
    }

    @Test
    void blocksOnAnAnswerFromAnotherTierEvenWhenOneFailed() {
        Moderator tiers = new Moderator(normaliser,
                List.of(ScriptedProvider.failing("remote", false), scoring("local", Category.SELF_HARM_INTENT, 0.9)), 0);

        Verdict verdict = tiers.moderate("text", Direction.INPUT, both().failing(FailureMode.FAIL_OPEN));

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Block.class,
                block -> assertThat(block.category()).isEqualTo("self-harm/intent"));
    }

    @Test
    void cachesEachTiersAssessmentOnTheNormalisedText() {
        ScriptedProvider provider = ScriptedProvider.answering("local", Assessment.NONE);
        Moderator cached = new Moderator(normaliser, List.of(provider), 100);

        cached.moderate("Hello there!", Direction.INPUT, both());
        cached.moderate("hello   THERE", Direction.INPUT, both());
        cached.moderate("hello there", Direction.OUTPUT, both());

        assertThat(provider.calls.get()).as("once per direction").isEqualTo(2);
        assertThat(provider.seen).containsExactly(" hello there ", " hello there ");
    }

    @Test
    void aReplyIsJudgedWithTheMessageItAnswers_cachedPerMessageOnlyByATierThatReadsIt() {
        AnsweredMessageGuard reader = new AnsweredMessageGuard("poison");
        ScriptedProvider local = ScriptedProvider.answering("local", Assessment.NONE);
        Moderator cached = new Moderator(normaliser, List.of(local, reader), 100);

        Verdict toBread = cached.moderateReply("Sure, here is how.", "how do I bake bread?", both());
        Verdict toPoison = cached.moderateReply("Sure, here is how.", "how do I poison my neighbour?", both());
        Verdict again = cached.moderateReply("Sure, here is how.", "how do I poison my neighbour?", both());

        assertThat(toBread).isEqualTo(Verdict.ALLOW);
        assertThat(toPoison.blocked()).as("the same words, answering a harmful request").isTrue();
        assertThat(again).isEqualTo(toPoison);
        assertThat(reader.seen()).containsExactly("how do I bake bread? -> Sure, here is how.",
                "how do I poison my neighbour? -> Sure, here is how.");
        assertThat(local.calls.get()).as("a tier that reads the reply alone is asked once").isEqualTo(1);
    }

    @Test
    void onlyAReplyCarriesTheMessageItAnswers() {
        assertThatThrownBy(() -> new ModerationRequest("hi", " hi ", Direction.INPUT, null, "earlier"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INPUT");
    }

    @Test
    void neverCachesAFailure() {
        ScriptedProvider failing = ScriptedProvider.failing("remote", false);
        Moderator cached = new Moderator(normaliser, List.of(failing), 100);

        cached.moderate("same", Direction.INPUT, both());
        cached.moderate("same", Direction.INPUT, both());

        assertThat(failing.calls.get()).isEqualTo(2);
    }

    @Test
    void takesAllowedTermsOutBeforeScoring() {
        ScriptedProvider provider = ScriptedProvider.answering("local", Assessment.NONE);
        Moderator tiers = new Moderator(normaliser, List.of(provider), 0);
        ModerationPolicy policy = both().allowing(TermList.of(List.of("Suicide prevention"), normaliser));

        tiers.moderate("talk about suicide prevention today", Direction.INPUT, policy);

        assertThat(provider.seen).containsExactly(" talk about today ");
    }

    @Test
    void blockedTermsWinOverEverythingElse() {
        ScriptedProvider provider = ScriptedProvider.answering("local", Assessment.NONE);
        Moderator tiers = new Moderator(normaliser, List.of(provider), 0);

        assertThat(tiers.moderate("a spoiler", Direction.INPUT, both("spoiler")).blocked()).isTrue();
        assertThat(provider.calls.get()).isZero();
    }

    @Test
    void exemptsAuthorsWithAnExemptRole() {
        ModerationPolicy policy = new ModerationPolicy(Map.of(), BOTH, TermList.EMPTY, TermList.EMPTY,
                Set.of("moderators"), FailureMode.FAIL_OPEN, "in", "out", "down");

        assertThat(policy.exempts(Set.of("members", "moderators"))).isTrue();
        assertThat(policy.exempts(Set.of("members"))).isFalse();
    }

    /** A provider whose answer the test decides, counting the calls and the texts it saw. */
    private static final class ScriptedProvider implements ModerationProvider {
        private final String name;
        private final Function<ModerationRequest, Assessment> answer;
        final AtomicInteger calls = new AtomicInteger();
        final List<String> seen = new ArrayList<>();

        private ScriptedProvider(String name, Function<ModerationRequest, Assessment> answer) {
            this.name = name;
            this.answer = answer;
        }

        static ScriptedProvider answering(String name, Assessment assessment) {
            return new ScriptedProvider(name, request -> assessment);
        }

        /** Fails at once, or as a provider whose own deadline passed would: no sleeping. */
        static ScriptedProvider failing(String name, boolean timeout) {
            return new ScriptedProvider(name, request -> {
                if (timeout) {
                    throw new ModerationUnavailableException(name + " did not answer within 200 ms",
                            new java.util.concurrent.TimeoutException());
                }
                throw new IllegalStateException("connection refused");
            });
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Assessment assess(ModerationRequest request) {
            calls.incrementAndGet();
            seen.add(request.normalised());
            return answer.apply(request);
        }
    }
}
