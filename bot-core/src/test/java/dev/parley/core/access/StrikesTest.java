package dev.parley.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.moderation.Verdict;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import dev.parley.core.testing.Messages;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StrikesTest {

    private static final ScopeKey GUILD = ScopeKey.of(Messages.GENERAL);
    private static final Verdict.Block VIOLENCE = new Verdict.Block("lexicon", "violence", "listed term");

    private final FakeClock clock = new FakeClock();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final Mutes mutes = new Mutes(new InMemoryMuteStore(), clock);
    private final Strikes strikes = new Strikes(new InMemoryStrikeStore(), mutes, audit, clock, StrikePolicy.DEFAULT);

    @Test
    void strike_theThirdWithinTheWindowMutesForTheConfiguredTime() {
        assertThat(strikes.strike(GUILD, "bob", VIOLENCE)).isEmpty();
        clock.advance(Duration.ofHours(10));
        assertThat(strikes.strike(GUILD, "bob", VIOLENCE)).isEmpty();
        clock.advance(Duration.ofHours(10));

        Mute mute = strikes.strike(GUILD, "bob", VIOLENCE).orElseThrow();

        assertThat(mute.until()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(mute.reason()).isEqualTo("3 blocked messages within 24 h");
        assertThat(mutes.active(GUILD, "bob")).contains(mute);
        assertThat(audit.recent(GUILD, 10)).extracting(AuditEntry::action).containsExactly("strikes.mute");
    }

    @Test
    void strike_strikesOlderThanTheWindowNoLongerCount() {
        strikes.strike(GUILD, "bob", VIOLENCE);
        strikes.strike(GUILD, "bob", VIOLENCE);
        clock.advance(Duration.ofHours(24).plusSeconds(1));

        assertThat(strikes.strike(GUILD, "bob", VIOLENCE)).isEmpty();
        assertThat(strikes.current(GUILD, "bob")).hasSize(1);
    }

    @Test
    void strike_theStrikesThatMutedAreSpent() {
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(1));
            strikes.strike(GUILD, "bob", VIOLENCE);
        }
        clock.advance(Duration.ofHours(2));

        assertThat(strikes.current(GUILD, "bob")).isEmpty();
        assertThat(strikes.strike(GUILD, "bob", VIOLENCE)).isEmpty();
    }

    @Test
    void strike_neitherUnavailableModerationNorSelfHarmCountsAgainstTheAuthor() {
        for (int i = 0; i < 5; i++) {
            assertThat(strikes.strike(GUILD, "bob", new Verdict.Block("tiers", "unavailable", "down"))).isEmpty();
            assertThat(strikes.strike(GUILD, "bob", new Verdict.Block("lexicon", "self-harm", "listed"))).isEmpty();
        }
        assertThat(strikes.current(GUILD, "bob")).isEmpty();
    }

    @Test
    void strike_aScopesOwnPolicyReplacesTheDefault() {
        strikes.setPolicy(GUILD, new StrikePolicy(1, Duration.ofMinutes(10), Duration.ofMinutes(5)));

        Mute mute = strikes.strike(GUILD, "bob", VIOLENCE).orElseThrow();

        assertThat(mute.until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(strikes.policy(ScopeKey.of(Messages.OTHER_GUILD))).isEqualTo(StrikePolicy.DEFAULT);
    }

    @Test
    void strike_aPolicyThatIsOffCountsButNeverMutes() {
        strikes.setPolicy(GUILD, new StrikePolicy(0, Duration.ofHours(24), Duration.ofHours(1)));

        for (int i = 0; i < 5; i++) {
            assertThat(strikes.strike(GUILD, "bob", VIOLENCE)).isEmpty();
        }
        assertThat(strikes.current(GUILD, "bob")).hasSize(5);
    }

    @Test
    void clear_forgetsTheUsersStrikes() {
        strikes.strike(GUILD, "bob", VIOLENCE);
        strikes.strike(GUILD, "bob", VIOLENCE);

        assertThat(strikes.clear(GUILD, "bob")).isEqualTo(2);
        assertThat(strikes.strike(GUILD, "bob", VIOLENCE)).isEmpty();
    }
}
