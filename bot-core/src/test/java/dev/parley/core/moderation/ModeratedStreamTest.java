package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModeratedStreamTest {

    private final TextNormaliser normaliser = new TextNormaliser();
    private final Moderator moderator = new Moderator(normaliser);
    private final ModerationPolicy policy = ModerationPolicy.of(
            TermList.of(List.of("bomb", "pipe bomb"), normaliser), Set.of(Direction.INPUT, Direction.OUTPUT), "in", "out");

    private boolean allowedOnItsOwn(String text) {
        return !moderator.moderate(text, Direction.OUTPUT, policy).blocked();
    }

    @Test
    void releasesTextOnlyUpToTheLastWordBoundary() {
        ModeratedStream stream = moderator.stream(policy);

        assertThat(stream.offer("Hello wor")).isEqualTo(Verdict.ALLOW);
        assertThat(stream.releasable()).isEqualTo("Hello ");

        assertThat(stream.offer("ld, fi")).isEqualTo(Verdict.ALLOW);
        assertThat(stream.releasable()).isEqualTo("Hello world, ");
    }

    @Test
    void releasesNothingWhileTheFirstWordIsUnfinished() {
        ModeratedStream stream = moderator.stream(policy);

        stream.offer("Hel");
        stream.offer("lo");

        assertThat(stream.releasable()).isEmpty();
    }

    @Test
    void finishReleasesTheUnfinishedTail() {
        ModeratedStream stream = moderator.stream(policy);
        stream.offer("Hello wor");
        stream.offer("ld");

        assertThat(stream.finish()).isEqualTo(Verdict.ALLOW);
        assertThat(stream.releasable()).isEqualTo("Hello world");
    }

    @Test
    void neverReleasesATermSplitAcrossPieces() {
        ModeratedStream stream = moderator.stream(policy);
        List<Verdict> verdicts = new ArrayList<>();

        for (String piece : List.of("Here is a bo", "mb", " recipe", " for you")) {
            verdicts.add(stream.offer(piece));
            assertThat(stream.releasable()).doesNotContain("bomb").isEqualTo("Here is ");
        }
        verdicts.add(stream.finish());

        assertThat(verdicts).last().isInstanceOf(Verdict.Block.class);
        assertThat(verdicts).anyMatch(Verdict::blocked);
        assertThat(stream.releasable()).as("a single letter waits for the next word").isEqualTo("Here is ");
    }

    @Test
    void blocksATermThatEndsTheReplyWhenItFinishes() {
        ModeratedStream stream = moderator.stream(policy);
        stream.offer("a bo");
        stream.offer("mb");

        assertThat(stream.finish().blocked()).isTrue();
        assertThat(stream.releasable()).isEmpty();
    }

    @Test
    void blocksATermAsSoonAsItsWordIsComplete() {
        ModeratedStream stream = moderator.stream(policy);

        assertThat(stream.offer("a bomb. And")).isInstanceOf(Verdict.Block.class);
        assertThat(stream.releasable()).isEmpty();
    }

    @Test
    void blocksAMultiWordTermSplitAcrossPieces() {
        ModeratedStream stream = moderator.stream(policy);

        stream.offer("a pi");
        stream.offer("pe ");
        assertThat(stream.releasable()).isEqualTo("a pipe ");
        Verdict verdict = stream.offer("bomb!");

        assertThat(verdict.blocked()).isTrue();
        assertThat(stream.releasable()).isEqualTo("a pipe ");
    }

    @Test
    void keepsReturningTheBlockAfterABlockAndReleasesNothingMore() {
        ModeratedStream stream = moderator.stream(policy);
        stream.offer("fine ");
        Verdict block = stream.offer("bomb ");

        assertThat(block).isInstanceOf(Verdict.Block.class);
        assertThat(stream.offer("harmless words follow ")).isSameAs(block);
        assertThat(stream.offer("and more ")).isSameAs(block);
        assertThat(stream.finish()).isSameAs(block);
        assertThat(stream.releasable()).isEqualTo("fine ");
    }

    @Test
    void allowsALongerWordWhosePrefixIsATermWhenItArrivesInPieces() {
        ModeratedStream stream = moderator.stream(policy);

        assertThat(stream.offer("a bomb")).isEqualTo(Verdict.ALLOW);
        assertThat(stream.offer("astic speech")).isEqualTo(Verdict.ALLOW);
        assertThat(stream.finish()).isEqualTo(Verdict.ALLOW);
        assertThat(stream.releasable()).isEqualTo("a bombastic speech");
    }

    @Test
    void doesNotTreatAZeroWidthCharacterInsideAWordAsABoundary() {
        ModeratedStream stream = moderator.stream(policy);

        stream.offer("so bo\u200B");
        assertThat(stream.releasable()).isEqualTo("so ");

        assertThat(stream.offer("mb now").blocked()).isTrue();
        assertThat(stream.releasable()).isEqualTo("so ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a bomb\u0301a b",      // combining accent after the term, the word goes on
            "a bomb\u200Ba b",      // zero-width space after the term, the word goes on
            "a bomb\u00ADa b",      // soft hyphen
            "a bo\u0301mb\u202Ea b" // accent inside, bidi control after
    })
    void neverReleasesTextThatModerationWouldBlockOnItsOwn(String reply) {
        // the reply as a whole is allowed ("bomba" is not "bomb"), but no prefix that ends in the
        // middle of "bomba" may be released, because on its own it reads as "bomb"
        for (int split = 1; split < reply.length(); split++) {
            ModeratedStream stream = moderator.stream(policy);
            stream.offer(reply.substring(0, split));
            assertThat(allowedOnItsOwn(stream.releasable()))
                    .as("released %s after split %d", stream.releasable(), split)
                    .isTrue();
            stream.offer(reply.substring(split));
            assertThat(allowedOnItsOwn(stream.releasable())).isTrue();
        }
    }

    @Test
    void neverReleasesHalfOfASurrogatePair() {
        ModeratedStream stream = moderator.stream(policy);

        stream.offer("ok \uD83D");
        assertThat(stream.releasable()).isEqualTo("ok ");

        stream.offer("\uDE00then");
        assertThat(stream.releasable()).isEqualTo("ok \uD83D\uDE00");
    }

    @Test
    void releasedTextOnlyEverGrows() {
        ModeratedStream stream = moderator.stream(policy);
        String before = "";
        for (String piece : List.of("The ", "quick", " bro", "wn fox", ", jum", "ps.")) {
            stream.offer(piece);
            assertThat(stream.releasable()).startsWith(before);
            before = stream.releasable();
        }
        stream.finish();

        assertThat(stream.releasable()).isEqualTo("The quick brown fox, jumps.");
    }

    @Test
    void releasesEverythingWhenTheOutputDirectionIsNotModerated() {
        ModerationPolicy inputOnly = ModerationPolicy.of(policy.blockedTerms(), Set.of(Direction.INPUT), "in", "out");
        ModeratedStream stream = moderator.stream(inputOnly);

        assertThat(stream.offer("a bomb here")).isEqualTo(Verdict.ALLOW);
        assertThat(stream.finish()).isEqualTo(Verdict.ALLOW);
        assertThat(stream.releasable()).isEqualTo("a bomb here");
    }

    @Test
    void holdsBackAWordSpelledOutLetterByLetterUntilItEnds() {
        ModeratedStream stream = moderator.stream(policy);

        stream.offer("make a b o m ");
        assertThat(stream.releasable()).isEqualTo("make ");

        assertThat(stream.offer("b now").blocked()).as("still waiting for \"now\" to end").isFalse();
        assertThat(stream.offer(" please").blocked()).isTrue();
        assertThat(stream.releasable()).isEqualTo("make ");
    }

    @Test
    void holdsBackASpelledOutWordWithLeetDigitsToo() {
        ModeratedStream stream = moderator.stream(policy);

        stream.offer("make a b 0 m ");

        assertThat(stream.releasable()).isEqualTo("make ");
        assertThat(stream.offer("b now ").blocked()).isTrue();
        assertThat(stream.releasable()).isEqualTo("make ");
    }

    @Test
    void releasesSingleLetterWordsOnceAWholeWordFollows() {
        ModeratedStream stream = moderator.stream(policy);

        stream.offer("I am a ");
        assertThat(stream.releasable()).isEqualTo("I am ");
        stream.offer("cat ");

        assertThat(stream.releasable()).isEqualTo("I am a cat ");
    }

    @Test
    void stopsAStreamedRecipeFromTheLocalTierBeforeTheUnsafePartIsShown() {
        Moderator local = new Moderator(normaliser, List.of(LocalModerationProvider.standard(normaliser)), 100);
        ModerationPolicy defaults = ModerationPolicy.of(TermList.EMPTY, Set.of(Direction.OUTPUT), "in", "out");
        ModeratedStream stream = local.stream(defaults);
        Verdict last = Verdict.ALLOW;

        for (String piece : List.of("Sure! Here is ", "how to ma", "ke a b", "0", "mb: first, get ", "a pipe")) {
            last = stream.offer(piece);
            if (last.blocked()) {
                break;
            }
        }

        assertThat(last).isInstanceOfSatisfying(Verdict.Block.class,
                block -> assertThat(block.category()).isEqualTo("illicit/violent"));
        assertThat(stream.releasable()).isEqualTo("Sure! Here is how to make ").doesNotContain("b0mb");
        assertThat(local.evaluate(stream.releasable(), Direction.OUTPUT, defaults).verdict()).isEqualTo(Verdict.ALLOW);
    }
}
