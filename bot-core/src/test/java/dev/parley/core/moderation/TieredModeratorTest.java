package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When a {@link Tier} runs: always, or only when the tiers before it are unsure. */
class TieredModeratorTest {

    private final TextNormaliser normaliser = new TextNormaliser();
    private final ModerationPolicy policy = ModerationPolicy.of(TermList.EMPTY,
            Set.of(Direction.INPUT, Direction.OUTPUT), "input blocked", "output blocked");

    @Test
    void anAlwaysTierIsAskedEvenWhenTheLocalTierFoundNothing() {
        Counting local = new Counting("local", Assessment.NONE);
        Counting guard = new Counting("guard", scored(Category.VIOLENCE, 0.9));
        Moderator moderator = Moderator.tiered(normaliser, List.of(Tier.always(local), Tier.always(guard)), 0);

        ModerationResult result = moderator.evaluate("a calm text", Direction.INPUT, policy);

        assertThat(guard.calls.get()).isEqualTo(1);
        assertThat(result.flaggedCategories()).containsExactly(Category.VIOLENCE);
    }

    @Test
    void anUnsureTierIsSparedWhenTheLocalTierFoundNothing() {
        Counting guard = new Counting("guard", scored(Category.VIOLENCE, 0.9));
        Moderator moderator = Moderator.tiered(normaliser,
                List.of(Tier.always(new Counting("local", Assessment.NONE)), Tier.whenUnsure(guard, 0.2)), 0);

        ModerationResult result = moderator.evaluate("a calm text", Direction.INPUT, policy);

        assertThat(guard.calls.get()).isZero();
        assertThat(result.flagged()).isFalse();
    }

    @Test
    void anUnsureTierIsSparedWhenTheLocalScoreIsBelowUnsureFrom() {
        Counting guard = new Counting("guard", scored(Category.HATE, 0.9));
        Moderator moderator = Moderator.tiered(normaliser, List.of(
                Tier.always(new Counting("local", scored(Category.HATE, 0.19))), Tier.whenUnsure(guard, 0.2)), 0);

        moderator.evaluate("text", Direction.INPUT, policy);

        assertThat(guard.calls.get()).isZero();
    }

    @Test
    void anUnsureTierDecidesAScoreBetweenUnsureFromAndTheThreshold() {
        Counting guard = new Counting("guard", scored(Category.HARASSMENT_THREATENING, 1.0));
        Moderator moderator = Moderator.tiered(normaliser, List.of(
                Tier.always(new Counting("local", scored(Category.HARASSMENT_THREATENING, 0.2))),
                Tier.whenUnsure(guard, 0.2)), 0);

        Verdict verdict = moderator.moderate("text", Direction.INPUT, policy);

        assertThat(guard.calls.get()).isEqualTo(1);
        assertThat(verdict).isInstanceOfSatisfying(Verdict.Block.class,
                block -> assertThat(block.category()).isEqualTo("harassment/threatening"));
    }

    @Test
    void anUnsureTierIsSparedWhenAFlaggedCategoryIsAlreadyAtItsThreshold() {
        Counting guard = new Counting("guard", Assessment.NONE);
        Moderator moderator = Moderator.tiered(normaliser, List.of(
                Tier.always(new Counting("local", scored(Category.HARASSMENT, 0.5))), Tier.whenUnsure(guard, 0.2)), 0);

        ModerationResult result = moderator.evaluate("text", Direction.INPUT, policy);

        assertThat(guard.calls.get()).as("the flag stands whatever the guard says").isZero();
        assertThat(result.flaggedCategories()).containsExactly(Category.HARASSMENT);
    }

    @Test
    void unsureIsMeasuredAgainstEachCategorysOwnThreshold() {
        Counting guard = new Counting("guard", Assessment.NONE);
        Moderator moderator = Moderator.tiered(normaliser, List.of(
                Tier.always(new Counting("local", scored(Category.VIOLENCE, 0.7))), Tier.whenUnsure(guard, 0.3)), 0);
        ModerationPolicy strict = policy.with(Category.VIOLENCE, new CategorySetting(CategoryAction.BLOCK, 0.6));
        ModerationPolicy lax = policy.with(Category.VIOLENCE, new CategorySetting(CategoryAction.BLOCK, 0.8));
        ModerationPolicy off = policy.with(Category.VIOLENCE, new CategorySetting(CategoryAction.OFF, 0.8));

        moderator.evaluate("text", Direction.INPUT, strict);
        assertThat(guard.calls.get()).as("0.7 blocks at 0.6: nothing to decide").isZero();
        moderator.evaluate("text", Direction.INPUT, off);
        assertThat(guard.calls.get()).as("a category that is off decides nothing").isZero();
        moderator.evaluate("text", Direction.INPUT, lax);
        assertThat(guard.calls.get()).as("0.7 is unsure below 0.8").isEqualTo(1);
    }

    @Test
    void anUnsureTierSeesTheScoresOfEveryEarlierTierCombined() {
        Counting guard = new Counting("guard", Assessment.NONE);
        Moderator moderator = Moderator.tiered(normaliser, List.of(
                Tier.always(new Counting("local", Assessment.NONE)),
                Tier.always(new Counting("endpoint", scored(Category.SELF_HARM, 0.4))),
                Tier.whenUnsure(guard, 0.3)), 0);

        moderator.evaluate("text", Direction.INPUT, policy);

        assertThat(guard.calls.get()).isEqualTo(1);
    }

    @Test
    void theProviderListConstructorAsksEveryTier() {
        Counting second = new Counting("second", Assessment.NONE);
        Moderator moderator = new Moderator(normaliser, List.of(new Counting("first", Assessment.NONE), second), 0);

        moderator.evaluate("text", Direction.INPUT, policy);

        assertThat(second.calls.get()).isEqualTo(1);
    }

    @Test
    void unsureFromMustBeAScoreAboveZero() {
        Counting guard = new Counting("guard", Assessment.NONE);

        assertThatThrownBy(() -> Tier.whenUnsure(guard, 0)).hasMessageContaining("unsureFrom");
        assertThatThrownBy(() -> Tier.whenUnsure(guard, 1.5)).hasMessageContaining("unsureFrom");
    }

    private static Assessment scored(Category category, double score) {
        return new Assessment(CategoryScores.none().with(category, score), Map.of(category, "scripted: because"));
    }

    /** A provider with a fixed answer that counts its calls. */
    private record Counting(String name, Assessment answer, AtomicInteger calls) implements ModerationProvider {

        Counting(String name, Assessment answer) {
            this(name, answer, new AtomicInteger());
        }

        @Override
        public Assessment assess(ModerationRequest request) {
            calls.incrementAndGet();
            return answer;
        }
    }
}
