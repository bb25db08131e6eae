package dev.parley.core.ratelimit;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.BOB;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.mention;
import static dev.parley.core.testing.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MessageLimitsTest {

    private final FakeClock clock = new FakeClock();
    private final RateLimiter limiter = new RateLimiter(clock, clock, Duration.ofMinutes(10), 1_000);

    @Test
    void aFloodingUserIsStoppedByTheirOwnBucketAndLeavesTheChannelsForOthers() {
        MessageLimits limits = new MessageLimits(limiter,
                new ScopeLimits(new RateLimit(1, 1), new RateLimit(2, 2), null), LimitOverrides.none());
        assertThat(limits.check(mention(ALICE, "one"))).isEmpty();

        for (int i = 0; i < 10; i++) {
            assertThat(limits.check(mention(ALICE, "again"))).get()
                    .extracting(MessageLimits.Refusal::level).isEqualTo(LimitLevel.USER);
        }

        assertThat(limits.check(mention(BOB, "my turn"))).as("the channel still has room for Bob").isEmpty();
    }

    @Test
    void tellsEachRefusedUserOnceWhileTheChannelIsFull() {
        MessageLimits limits = new MessageLimits(limiter,
                new ScopeLimits(null, new RateLimit(1, 1), null), LimitOverrides.none());
        limits.check(mention(ALICE, "one"));

        assertThat(limits.check(mention(ALICE, "two")).orElseThrow().firstInWindow()).isTrue();
        assertThat(limits.check(mention(ALICE, "three")).orElseThrow().firstInWindow()).isFalse();
        assertThat(limits.check(mention(BOB, "one")).orElseThrow().firstInWindow()).isTrue();
    }

    @Test
    void aTelegramChatIsItsOwnChannelAndServer() {
        Location chat = new Location(Platform.TELEGRAM, "-100", "-100", null);
        MessageLimits limits = new MessageLimits(limiter,
                new ScopeLimits(null, null, new RateLimit(1, 1)), LimitOverrides.none());
        assertThat(limits.check(message(chat, ALICE, "one", true))).isEmpty();

        assertThat(limits.check(message(chat, BOB, "two", true))).get()
                .extracting(MessageLimits.Refusal::level).isEqualTo(LimitLevel.SERVER);
        assertThat(limits.check(message(GENERAL, BOB, "elsewhere", true))).isEmpty();
    }

    @Test
    void anOverrideReplacesOnlyTheLevelsItSets() {
        ScopeLimits defaults = new ScopeLimits(new RateLimit(6, 3), new RateLimit(20, 10), new RateLimit(60, 20));
        MessageLimits limits = new MessageLimits(limiter, defaults,
                scope -> new LimitOverride(null, new RateLimit(1, 1), null));

        assertThat(limits.limitsFor(ScopeKey.of(GENERAL)))
                .isEqualTo(new ScopeLimits(new RateLimit(6, 3), new RateLimit(1, 1), new RateLimit(60, 20)));
    }
}
