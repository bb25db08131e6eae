package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModeratorTest {

    private final TextNormaliser normaliser = new TextNormaliser();
    private final Moderator moderator = new Moderator(normaliser);

    private ModerationPolicy policy(Set<Direction> directions, String... terms) {
        return new ModerationPolicy(List.of(new BlockedTermsRule(List.of(terms), "custom", normaliser)),
                directions, "input blocked", "output blocked");
    }

    private ModerationPolicy both(String... terms) {
        return policy(Set.of(Direction.INPUT, Direction.OUTPUT), terms);
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
    @ValueSource(strings = {"a bombastic speech", "the bombs", "abomb", "a b-o-m-b"})
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
    void normalisesTheConfiguredTermsToo() {
        ModerationPolicy policy = both("  BÓMB! ");

        assertThat(moderator.moderate("bomb", Direction.INPUT, policy).blocked()).isTrue();
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
        ModerationPolicy policy = both("", "   ", "?!", "\u200B");

        assertThat(moderator.moderate("anything at all, really!", Direction.INPUT, policy)).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void returnsTheFirstBlockInRuleOrder() {
        ModerationRule never = new NamedRule("never", null);
        ModerationRule first = new NamedRule("first", new Verdict.Block("first", "violence", "r1"));
        ModerationRule second = new NamedRule("second", new Verdict.Block("second", "hate", "r2"));
        ModerationPolicy policy = new ModerationPolicy(List.of(never, first, second),
                Set.of(Direction.INPUT), "in", "out");

        assertThat(moderator.moderate("text", Direction.INPUT, policy))
                .isEqualTo(new Verdict.Block("first", "violence", "r1"));
    }

    @Test
    void passesRulesTheNormalisedText() {
        StringBuilder seen = new StringBuilder();
        ModerationRule recording = new ModerationRule() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public Verdict check(String normalised, Direction direction) {
                seen.append(normalised);
                return Verdict.ALLOW;
            }
        };
        ModerationPolicy policy = new ModerationPolicy(List.of(recording), Set.of(Direction.OUTPUT), "in", "out");

        moderator.moderate("Hello, WORLD!", Direction.OUTPUT, policy);

        assertThat(seen).hasToString(" hello world ");
    }

    @Test
    void noticeDependsOnDirection() {
        ModerationPolicy policy = both("x");

        assertThat(policy.notice(Direction.INPUT)).isEqualTo("input blocked");
        assertThat(policy.notice(Direction.OUTPUT)).isEqualTo("output blocked");
    }

    private record NamedRule(String name, Verdict.Block block) implements ModerationRule {
        @Override
        public Verdict check(String normalised, Direction direction) {
            return block == null ? Verdict.ALLOW : block;
        }
    }
}
