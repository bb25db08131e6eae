package dev.parley.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.conversation.Platform;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ForgetConfirmationsTest {

    private static final DataSubject ALICE = new DataSubject(new ScopeKey(Platform.DISCORD, "guild"), "alice");
    private static final DataSubject ALICE_ELSEWHERE = new DataSubject(new ScopeKey(Platform.DISCORD, "other"), "alice");

    private final FakeClock clock = new FakeClock();
    private final ForgetConfirmations confirmations = new ForgetConfirmations(clock, Duration.ofMinutes(5));

    @Test
    void confirm_withinTheWindowAfterAnAsk_isAcceptedOnce() {
        confirmations.ask(ALICE);
        clock.advance(Duration.ofMinutes(5));

        assertThat(confirmations.confirm(ALICE)).isTrue();
        assertThat(confirmations.confirm(ALICE)).isFalse();
    }

    @Test
    void confirm_afterTheWindow_isRefused() {
        confirmations.ask(ALICE);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertThat(confirmations.confirm(ALICE)).isFalse();
    }

    @Test
    void confirm_withoutAnAskOrForAnotherScope_isRefused() {
        assertThat(confirmations.confirm(ALICE)).isFalse();
        confirmations.ask(ALICE_ELSEWHERE);
        assertThat(confirmations.confirm(ALICE)).isFalse();
    }

    @Test
    void window_mustBePositive() {
        assertThatThrownBy(() -> new ForgetConfirmations(clock, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
