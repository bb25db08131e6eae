package dev.parley.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final FakeClock clock = new FakeClock();

    @Test
    void letsABurstThroughThenSaysHowLongUntilTheNextToken() {
        TokenBucket bucket = new TokenBucket(new RateLimit(6, 3), clock); // a token every 10 s

        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shortensTheWaitAsTimePasses() {
        TokenBucket bucket = new TokenBucket(new RateLimit(6, 1), clock);
        bucket.tryTake();

        clock.advance(Duration.ofSeconds(4));

        assertThat(bucket.tryTake()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void refillsOneTokenPerIntervalOverTime() {
        TokenBucket bucket = new TokenBucket(new RateLimit(6, 2), clock);
        bucket.tryTake();
        bucket.tryTake();

        clock.advance(Duration.ofSeconds(10));

        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void neverHoldsMoreThanTheBurstHowEverLongItWasQuiet() {
        TokenBucket bucket = new TokenBucket(new RateLimit(60, 2), clock);
        bucket.tryTake();

        clock.advance(Duration.ofHours(1));

        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void refusalsDoNotUseUpTokens() {
        TokenBucket bucket = new TokenBucket(new RateLimit(6, 1), clock);
        bucket.tryTake();
        for (int i = 0; i < 5; i++) {
            bucket.tryTake();
        }

        clock.advance(Duration.ofSeconds(10));

        assertThat(bucket.tryTake()).isZero();
    }
}
