package dev.parley.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Platform;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryAction;
import dev.parley.core.moderation.CategorySetting;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.FailureMode;
import dev.parley.core.moderation.LocalModerationProvider;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.moderation.Verdict;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModerationPoliciesTest {

    private static final ScopeKey GUILD = new ScopeKey(Platform.DISCORD, "guild-1");
    private static final ScopeKey OTHER_GUILD = new ScopeKey(Platform.DISCORD, "guild-2");
    private static final ScopeKey SAME_ID_ON_TELEGRAM = new ScopeKey(Platform.TELEGRAM, "guild-1");

    private final TextNormaliser normaliser = new TextNormaliser();
    private final Moderator moderator = new Moderator(normaliser);
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final ModerationDefaults defaults = new ModerationDefaults(
            List.of("bomb"), Set.of(Direction.INPUT, Direction.OUTPUT), "input notice", "output notice");
    private final ModerationPolicies policies = new ModerationPolicies(settings, defaults, normaliser);

    private boolean blocks(ScopeKey scope, String text) {
        return moderator.moderate(text, Direction.INPUT, policies.forScope(scope)).blocked();
    }

    @Test
    void appliesTheConfiguredDefaultsToAScopeWithoutSettings() {
        ModerationPolicy policy = policies.forScope(GUILD);

        assertThat(blocks(GUILD, "a bomb")).isTrue();
        assertThat(blocks(GUILD, "a cat")).isFalse();
        assertThat(policy.directions()).containsExactlyInAnyOrder(Direction.INPUT, Direction.OUTPUT);
        assertThat(policy.notice(Direction.INPUT)).isEqualTo("input notice");
        assertThat(policy.notice(Direction.OUTPUT)).isEqualTo("output notice");
    }

    @Test
    void addsTheScopesOwnTermsToTheDefaults() {
        settings.save(GUILD, ScopeSettings.DEFAULTS.withBlockedTerm("spoiler"));

        assertThat(blocks(GUILD, "no spoiler please")).isTrue();
        assertThat(blocks(GUILD, "a bomb")).as("defaults still apply").isTrue();
    }

    @Test
    void issue15_aScopesTermOfOneLetterWordsBlocksItSpacedInsideASentence() {
        settings.save(GUILD, ScopeSettings.DEFAULTS.withBlockedTerm("b c")); // as "/moderation terms add b c" stores it

        assertThat(blocks(GUILD, "x b c y")).isTrue();
        assertThat(blocks(GUILD, "x abc y")).isFalse();
    }

    @Test
    void reportsTheCustomCategoryForABlockedTerm() {
        Verdict verdict = moderator.moderate("bomb", Direction.INPUT, policies.forScope(GUILD));

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Block.class,
                block -> assertThat(block.category()).isEqualTo(ModerationPolicies.TERM_CATEGORY));
    }

    @Test
    void keepsTheCachedPolicyUntilTheScopeIsInvalidated() {
        assertThat(blocks(GUILD, "no spoiler please")).isFalse();
        settings.save(GUILD, ScopeSettings.DEFAULTS.withBlockedTerm("spoiler"));

        assertThat(blocks(GUILD, "no spoiler please")).as("cached until invalidated").isFalse();

        policies.invalidate(GUILD);

        assertThat(blocks(GUILD, "no spoiler please")).isTrue();
    }

    @Test
    void takesARemovedTermOutAfterInvalidation() {
        settings.save(GUILD, ScopeSettings.DEFAULTS.withBlockedTerm("spoiler"));
        assertThat(blocks(GUILD, "spoiler")).isTrue();

        settings.save(GUILD, settings.load(GUILD).withoutBlockedTerm("spoiler"));
        policies.invalidate(GUILD);

        assertThat(blocks(GUILD, "spoiler")).isFalse();
    }

    @Test
    void leavesOtherScopesUnaffected() {
        settings.save(GUILD, ScopeSettings.DEFAULTS.withBlockedTerm("spoiler"));
        policies.invalidate(GUILD);

        assertThat(blocks(GUILD, "spoiler")).isTrue();
        assertThat(blocks(OTHER_GUILD, "spoiler")).isFalse();
        assertThat(blocks(SAME_ID_ON_TELEGRAM, "spoiler")).isFalse();
        assertThat(blocks(OTHER_GUILD, "bomb")).isTrue();
    }

    @Test
    void appliesAScopesCategorySettingsFailureModeAndAllowedTermsAfterInvalidation() {
        settings.save(GUILD, ScopeSettings.DEFAULTS
                .withCategory(Category.HATE, new CategorySetting(CategoryAction.BLOCK, 0.7))
                .withOnFailure(FailureMode.FAIL_CLOSED)
                .withAllowedTerm("Kill the Process"));
        policies.invalidate(GUILD);

        ModerationPolicy policy = policies.forScope(GUILD);

        assertThat(policy.setting(Category.HATE)).isEqualTo(new CategorySetting(CategoryAction.BLOCK, 0.7));
        assertThat(policy.setting(Category.SEXUAL_MINORS).action()).as("others keep the defaults")
                .isEqualTo(CategoryAction.BLOCK);
        assertThat(policy.onFailure()).isEqualTo(FailureMode.FAIL_CLOSED);
        assertThat(policy.allowedTerms().normalised()).containsExactly(" kill the process ");
        assertThat(policies.forScope(OTHER_GUILD).onFailure()).isEqualTo(FailureMode.FAIL_OPEN);
    }

    @Test
    void changingACategoryTakesEffectWithTheNextMessage() {
        Moderator local = new Moderator(normaliser, List.of(LocalModerationProvider.standard(normaliser)), 100);
        assertThat(local.moderate("women are scum", Direction.INPUT, policies.forScope(GUILD)).blocked())
                .as("hate is only flagged by default").isFalse();

        settings.save(GUILD, settings.load(GUILD).withCategory(Category.HATE, new CategorySetting(CategoryAction.BLOCK, 0.5)));
        policies.invalidate(GUILD);

        assertThat(local.moderate("women are scum", Direction.INPUT, policies.forScope(GUILD)).blocked()).isTrue();
    }

    @Test
    void keepsScopeSettingsWithOnlyBlockedTermsAsBefore() {
        ScopeSettings terms = new ScopeSettings(Set.of("a"));

        assertThat(terms.withBlockedTerm("b").withoutBlockedTerm("a")).isEqualTo(new ScopeSettings(Set.of("b")));
        assertThat(ScopeSettings.DEFAULTS.directions()).isNull();
        assertThat(ScopeSettings.DEFAULTS.categories()).isEmpty();
    }

    @Test
    void invalidatingOneScopeKeepsTheOthersCached() {
        assertThat(blocks(OTHER_GUILD, "spoiler")).isFalse(); // cached now
        settings.save(OTHER_GUILD, ScopeSettings.DEFAULTS.withBlockedTerm("spoiler"));

        policies.invalidate(GUILD);

        assertThat(blocks(OTHER_GUILD, "spoiler")).isFalse();
    }

    @Test
    void aPromptBlockedForSelfHarmGetsTheConfiguredSelfHarmNoticeEvenWhereTheScopeSetItsOwn() {
        var configured = new ModerationDefaults(java.util.Map.of(), List.of(), List.of(),
                Set.of(Direction.INPUT, Direction.OUTPUT), Set.of(), FailureMode.FAIL_OPEN, "input notice",
                "output notice", "unavailable", "Please reach out: call 188.");
        settings.save(GUILD, new ScopeSettings(Set.of(), Set.of(), java.util.Map.of(), null, Set.of(), "our notice",
                null, null));
        ModerationPolicy policy = new ModerationPolicies(settings, configured, normaliser).forScope(GUILD);

        for (Category category : List.of(Category.SELF_HARM, Category.SELF_HARM_INTENT, Category.SELF_HARM_INSTRUCTIONS)) {
            var block = new Verdict.Block("local", category.apiName(), category.apiName() + " 0.90");
            assertThat(policy.notice(Direction.INPUT, block)).isEqualTo("Please reach out: call 188.");
            assertThat(policy.notice(Direction.OUTPUT, block)).as("a withheld reply").isEqualTo("output notice");
        }
        assertThat(policy.notice(Direction.INPUT, new Verdict.Block("local", "violence", "violence 0.9")))
                .isEqualTo("our notice");
    }
}
