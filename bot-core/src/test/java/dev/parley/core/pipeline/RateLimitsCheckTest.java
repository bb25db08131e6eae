package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.ratelimit.LimitLevel;
import dev.parley.core.ratelimit.LimitOverrides;
import dev.parley.core.ratelimit.MessageLimits;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitsCheckTest {

    private final FakeClock clock = new FakeClock();
    // one message at once, then one a minute
    private final RateLimits check = new RateLimits(new MessageLimits(
            new RateLimiter(clock, clock, Duration.ofMinutes(10), 100), ScopeLimits.perUser(new RateLimit(1, 1)),
            LimitOverrides.none()));

    @Test
    void decide_overTheUsersLimit_isRefusedAndToldOncePerWindow() {
        assertThat(check.decide(mention(ALICE, "one"), new RecordingReplySink())).isEqualTo(AdmissionCheck.PASS);

        RecordingReplySink first = new RecordingReplySink();
        assertThat(check.decide(mention(ALICE, "two"), first))
                .contains(new Outcome.RateLimited(Duration.ofMinutes(1), LimitLevel.USER));
        assertThat(first.notices()).containsExactly(new Notice(Notice.Kind.RATE_LIMITED,
                "You are sending messages too fast; you can ask again in 60 s."));

        RecordingReplySink second = new RecordingReplySink();
        assertThat(check.decide(mention(ALICE, "three"), second)).get().isInstanceOf(Outcome.RateLimited.class);
        assertThat(second.notices()).isEmpty();
    }

    @Test
    void decide_afterTheWindow_passesAgain() {
        check.decide(mention(ALICE, "one"), new RecordingReplySink());
        clock.advance(Duration.ofMinutes(1));

        assertThat(check.decide(mention(ALICE, "two"), new RecordingReplySink())).isEqualTo(AdmissionCheck.PASS);
    }
}
