package dev.parley.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.feedback.VoteRule.Decision;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VoteRuleTest {

    @Test
    void ofReaction_readsBothThumbsInEverySkinToneAndNothingElse() {
        assertThat(Vote.ofReaction("👍")).contains(Vote.UP);
        assertThat(Vote.ofReaction("👍🏽")).contains(Vote.UP);
        assertThat(Vote.ofReaction("👎\uFE0F")).contains(Vote.DOWN);
        assertThat(Vote.ofReaction("❤")).isEmpty();
        assertThat(Vote.ofReaction("+1")).isEmpty();
    }

    @Test
    void decide_anAddedThumbCastsOrReplacesTheVote() {
        assertThat(VoteRule.decide(Optional.empty(), List.of("👍"), List.of())).isEqualTo(new Decision.Cast(Vote.UP));
        assertThat(VoteRule.decide(Optional.of(Vote.UP), List.of("👎"), List.of("👍")))
                .isEqualTo(new Decision.Cast(Vote.DOWN));
        assertThat(VoteRule.decide(Optional.of(Vote.UP), List.of("👍"), List.of())).isEqualTo(new Decision.Keep());
    }

    @Test
    void decide_theLastThumbAddedWins() {
        assertThat(VoteRule.decide(Optional.empty(), List.of("👍", "🔥", "👎"), List.of()))
                .isEqualTo(new Decision.Cast(Vote.DOWN));
    }

    @Test
    void decide_removingTheCastingThumbWithdrawsTheVoteButRemovingTheOtherDoesNot() {
        assertThat(VoteRule.decide(Optional.of(Vote.UP), List.of(), List.of("👍"))).isEqualTo(new Decision.Withdraw());
        assertThat(VoteRule.decide(Optional.of(Vote.DOWN), List.of(), List.of("👍"))).isEqualTo(new Decision.Keep());
        assertThat(VoteRule.decide(Optional.empty(), List.of(), List.of("👍"))).isEqualTo(new Decision.Keep());
    }

    @Test
    void decide_otherEmojiLeaveTheVoteAlone() {
        assertThat(VoteRule.decide(Optional.of(Vote.UP), List.of("🔥"), List.of("❤"))).isEqualTo(new Decision.Keep());
    }
}
