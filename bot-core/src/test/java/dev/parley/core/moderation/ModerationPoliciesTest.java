package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Platform;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeSettings;
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
    void invalidatingOneScopeKeepsTheOthersCached() {
        assertThat(blocks(OTHER_GUILD, "spoiler")).isFalse(); // cached now
        settings.save(OTHER_GUILD, ScopeSettings.DEFAULTS.withBlockedTerm("spoiler"));

        policies.invalidate(GUILD);

        assertThat(blocks(OTHER_GUILD, "spoiler")).isFalse();
    }
}
