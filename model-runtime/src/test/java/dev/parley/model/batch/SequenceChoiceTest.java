package dev.parley.model.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.model.batch.SequenceChoice.Candidate;
import org.junit.jupiter.api.Test;

/**
 * The sequence a request gets: its own on a hit, keeping what the prompt shares with it; else an
 * empty one or the least recently used idle one, with a persona's opening copied from another
 * sequence, or a stored conversation restored instead. No model: the choice weighs how many tokens
 * each sequence shares with the prompt, set here by hand.
 */
class SequenceChoiceTest {

    private static final int PROMPT = 50;
    private static final Candidate EMPTY = idle(0, 0, 0, 0);

    @Test
    void of_aPromptThatKeepsTheTurnsASequenceLastReadIsAHitInItKeepingOnlyWhatTheyShare() {
        SequenceChoice choice = SequenceChoice.of(new Candidate[] {
            idle(40, 30, 30, 1), // this conversation, parted from at the reply's opening (Qwen3's empty think block)
            idle(40, 20, 35, 2), // another conversation of the same persona, used more recently
            EMPTY,
        }, PROMPT);

        // kept 30, not the 40 it holds: the sequence forgets from the first token that differs
        assertThat(choice).isEqualTo(new SequenceChoice(0, 30, -1, true, false, null));
    }

    @Test
    void of_theSameQuestionAgainIsAHitThoughItsLastTokenIsDecodedAgain() {
        // 31 tokens held, all but the prompt's last (decoded again for its logits) shared
        SequenceChoice choice = SequenceChoice.of(new Candidate[] {EMPTY, idle(31, 30, 31, 1)}, 31);

        assertThat(choice).isEqualTo(new SequenceChoice(1, 30, -1, true, false, null));
    }

    @Test
    void of_aNewConversationOpeningAsAnotherDoesGetsAnEmptySequenceAndACopyOfThatOpening() {
        // sequence 0 holds another conversation of the same persona: a shared opening is no hit
        SequenceChoice choice = SequenceChoice.of(new Candidate[] {idle(40, 20, 30, 1), EMPTY, idle(40, 0, 30, 2)}, PROMPT);

        assertThat(choice).isEqualTo(new SequenceChoice(1, 20, 0, false, false, null));
        assertThat(choice.copies()).isTrue();
    }

    @Test
    void of_copiesFromASequenceStillGenerating() {
        // what the generating sequence held at its last decode is in the KV cache
        SequenceChoice choice = SequenceChoice.of(new Candidate[] {idle(40, 0, 30, 1), idle(40, 0, 30, 2), taken(25, 24, 25, 3)}, PROMPT);

        // sequence 0 is the least recently used: it loses its conversation and gets 2's opening
        assertThat(choice).isEqualTo(new SequenceChoice(0, 24, 2, false, true, null));
    }

    @Test
    void of_anOpeningThatSavesFewerThanMinSharedTokensOverWhatTheSequenceHoldsIsNotCopied() {
        int almost = SequenceCache.MIN_SHARED - 1;
        SequenceChoice choice = SequenceChoice.of(new Candidate[] {
            idle(40, almost, 30, 2),
            idle(40, 4, 30, 1), // the least recently used, holding 4 of the prompt already
            taken(40, 4 + almost, 30, 3),
        }, PROMPT);

        assertThat(choice).isEqualTo(new SequenceChoice(1, 4, -1, false, true, null));
        assertThat(choice.copies()).isFalse();
    }

    @Test
    void of_aMissWithNoEmptySequenceEvictsTheLeastRecentlyUsedIdleOne() {
        SequenceChoice choice = SequenceChoice.of(new Candidate[] {
            idle(40, 0, 30, 5),
            idle(40, 0, 30, 2),
            idle(40, 0, 30, 7),
            taken(40, 0, 30, 1), // used longer ago, but busy
        }, PROMPT);

        assertThat(choice).isEqualTo(new SequenceChoice(1, 0, -1, false, true, null));
    }

    @Test
    void of_aMissTakesAnEmptySequenceBeforeEvictingAny() {
        // sequence 2 was emptied (a failed batch) after it was last given back
        SequenceChoice choice = SequenceChoice.of(new Candidate[] {idle(40, 0, 30, 3), idle(40, 0, 30, 4), idle(0, 0, 0, 9)}, PROMPT);

        assertThat(choice).isEqualTo(new SequenceChoice(2, 0, -1, false, false, null));
    }

    @Test
    void of_withEverySequenceTakenRefuses() {
        Candidate[] busy = {taken(40, 30, 30, 1), taken(0, 0, 0, 0)};

        assertThatThrownBy(() -> SequenceChoice.of(busy, PROMPT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no idle sequence");
    }

    @Test
    void orRestoring_aStoredConversationThatServesMoreOfTheMissIsRestoredIntoItsSequence() {
        SequenceChoice miss = SequenceChoice.of(new Candidate[] {idle(40, 0, 30, 1), idle(40, 0, 30, 2), EMPTY}, PROMPT);
        HostKvStore.Match continued = stored(10, true);
        HostKvStore.Match opening = stored(SequenceCache.MIN_SHARED, false);

        assertThat(miss.orRestoring(continued, sequence -> true)).isEqualTo(new SequenceChoice(2, 10, -1, false, false, continued));
        assertThat(miss.orRestoring(opening, sequence -> true).restore()).isSameAs(opening);
        // an opening shorter than a system prompt, a copy pending, nothing stored: the miss stands
        assertThat(miss.orRestoring(stored(SequenceCache.MIN_SHARED - 1, false), sequence -> true)).isSameAs(miss);
        assertThat(miss.orRestoring(continued, sequence -> sequence != 2)).isSameAs(miss);
        assertThat(miss.orRestoring(null, sequence -> true)).isSameAs(miss);
    }

    @Test
    void orRestoring_keepsAHitAndAMissThatKeepsAsMuch() {
        SequenceChoice hit = SequenceChoice.of(new Candidate[] {idle(40, 30, 30, 1), EMPTY}, PROMPT);
        SequenceChoice copy = SequenceChoice.of(new Candidate[] {idle(40, 20, 30, 1), EMPTY}, PROMPT);

        assertThat(hit.orRestoring(stored(40, true), sequence -> true)).isSameAs(hit);
        assertThat(copy.copies()).isTrue();
        assertThat(copy.orRestoring(stored(20, true), sequence -> true)).isSameAs(copy);
        assertThat(copy.orRestoring(stored(21, true), sequence -> true).restore()).isNotNull();
    }

    private static Candidate idle(int held, int shared, int turnsEnd, long lastReleased) {
        return new Candidate(false, held, shared, turnsEnd, lastReleased);
    }

    private static Candidate taken(int held, int shared, int turnsEnd, long lastReleased) {
        return new Candidate(true, held, shared, turnsEnd, lastReleased);
    }

    private static HostKvStore.Match stored(int kept, boolean continues) {
        return new HostKvStore.Match(new HostKvStore.Entry(new int[kept + 5], kept, new float[0], new byte[8]), kept, continues);
    }
}
