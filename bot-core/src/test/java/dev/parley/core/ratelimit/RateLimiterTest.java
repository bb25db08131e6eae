package dev.parley.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final RateLimit TWO_THEN_SIX_PER_MINUTE = new RateLimit(6, 2);

    private final FakeClock clock = new FakeClock();
    private final RateLimiter limiter = new RateLimiter(clock, clock, Duration.ofMinutes(10), 1_000);

    @Test
    void admitsABurstThenRefusesWithTheTimeUntilTheNextToken() {
        assertThat(limiter.tryAcquire("alice", TWO_THEN_SIX_PER_MINUTE)).isInstanceOf(RateDecision.Admitted.class);
        assertThat(limiter.tryAcquire("alice", TWO_THEN_SIX_PER_MINUTE)).isInstanceOf(RateDecision.Admitted.class);

        assertThat(limiter.tryAcquire("alice", TWO_THEN_SIX_PER_MINUTE))
                .isEqualTo(new RateDecision.Limited(Duration.ofSeconds(10), true));
    }

    @Test
    void admitsAgainOnceTheBucketRefilled() {
        drain("alice");
        clock.advance(Duration.ofSeconds(9));
        assertThat(limiter.tryAcquire("alice", TWO_THEN_SIX_PER_MINUTE)).isInstanceOf(RateDecision.Limited.class);

        clock.advance(Duration.ofSeconds(1));

        assertThat(limiter.tryAcquire("alice", TWO_THEN_SIX_PER_MINUTE)).isInstanceOf(RateDecision.Admitted.class);
    }

    @Test
    void saysFirstInWindowOnlyForTheFirstRefusal() {
        drain("alice");

        assertThat(limited("alice").firstInWindow()).isTrue();
        assertThat(limited("alice").firstInWindow()).isFalse();
        assertThat(limited("alice").firstInWindow()).isFalse();
    }

    @Test
    void saysFirstInWindowAgainAfterAMessageWasAdmitted() {
        drain("alice");
        assertThat(limited("alice").firstInWindow()).isTrue();

        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.tryAcquire("alice", TWO_THEN_SIX_PER_MINUTE)).isInstanceOf(RateDecision.Admitted.class);

        assertThat(limited("alice").firstInWindow()).isTrue();
        assertThat(limited("alice").firstInWindow()).isFalse();
    }

    @Test
    void keepsKeysIndependent() {
        drain("alice");
        assertThat(limited("alice").firstInWindow()).isTrue();

        assertThat(limiter.tryAcquire("bob", TWO_THEN_SIX_PER_MINUTE)).isInstanceOf(RateDecision.Admitted.class);
        assertThat(limiter.tryAcquire("bob", TWO_THEN_SIX_PER_MINUTE)).isInstanceOf(RateDecision.Admitted.class);
        assertThat(limited("bob").firstInWindow()).as("bob is told on his own").isTrue();
        assertThat(limited("alice").firstInWindow()).isFalse();
    }

    @Test
    void replacesTheBucketWhenTheLimitChanges() {
        drain("alice");
        RateLimit generous = new RateLimit(60, 5);

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("alice", generous)).as("message %d", i).isInstanceOf(RateDecision.Admitted.class);
        }
        assertThat(limiter.tryAcquire("alice", generous)).isEqualTo(new RateDecision.Limited(Duration.ofSeconds(1), true));
    }

    @Test
    void forgetsAQuietKeyAfterTheIdleTimeoutSoItComesBackWithAFullBucket() {
        RateLimiter shortMemory = new RateLimiter(clock, clock, Duration.ofSeconds(5), 1_000);
        RateLimit slow = new RateLimit(1, 1); // one token a minute
        assertThat(shortMemory.tryAcquire("alice", slow)).isInstanceOf(RateDecision.Admitted.class);
        assertThat(shortMemory.tryAcquire("alice", slow)).isInstanceOf(RateDecision.Limited.class);

        clock.advance(Duration.ofSeconds(6)); // far from refilled, but the bucket is forgotten

        assertThat(shortMemory.tryAcquire("alice", slow)).isInstanceOf(RateDecision.Admitted.class);
    }

    @Test
    void rejectsLimitsBelowOne() {
        assertThatThrownBy(() -> new RateLimit(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private void drain(String key) {
        for (int i = 0; i < TWO_THEN_SIX_PER_MINUTE.burst(); i++) {
            assertThat(limiter.tryAcquire(key, TWO_THEN_SIX_PER_MINUTE)).isInstanceOf(RateDecision.Admitted.class);
        }
    }

    private RateDecision.Limited limited(String key) {
        RateDecision decision = limiter.tryAcquire(key, TWO_THEN_SIX_PER_MINUTE);
        assertThat(decision).isInstanceOf(RateDecision.Limited.class);
        return (RateDecision.Limited) decision;
    }
}
