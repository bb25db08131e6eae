package dev.parley.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import dev.parley.core.testing.Messages;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MutesTest {

    private static final ScopeKey GUILD = ScopeKey.of(Messages.GENERAL);

    private final FakeClock clock = new FakeClock();
    private final Mutes mutes = new Mutes(new InMemoryMuteStore(), clock);

    @Test
    void mute_holdsUntilItsEndAndNoLonger() {
        Mute mute = mutes.mute(GUILD, "bob", clock.instant().plus(Duration.ofHours(1)), "spam", "admin");

        assertThat(mutes.active(GUILD, "bob")).contains(mute);
        clock.advance(Duration.ofMinutes(59));
        assertThat(mutes.active(GUILD, "bob")).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(mutes.active(GUILD, "bob")).isEmpty();
    }

    @Test
    void mute_isPerScopeAndUser() {
        mutes.mute(GUILD, "bob", clock.instant().plus(Duration.ofHours(1)), "spam", "admin");

        assertThat(mutes.active(GUILD, "alice")).isEmpty();
        assertThat(mutes.active(ScopeKey.of(Messages.OTHER_GUILD), "bob")).isEmpty();
    }

    @Test
    void mute_refusesAnEndThatIsNotInTheFuture() {
        assertThatThrownBy(() -> mutes.mute(GUILD, "bob", clock.instant(), "spam", "admin"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unmute_liftsAHeldMuteAndSaysWhetherOneWasHeld() {
        mutes.mute(GUILD, "bob", clock.instant().plus(Duration.ofHours(1)), "spam", "admin");

        assertThat(mutes.unmute(GUILD, "bob")).isTrue();
        assertThat(mutes.active(GUILD, "bob")).isEmpty();
        assertThat(mutes.unmute(GUILD, "bob")).isFalse();
    }
}
