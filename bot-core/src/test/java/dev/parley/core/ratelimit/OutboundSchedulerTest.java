package dev.parley.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutboundSchedulerTest {

    private final FakeClock clock = new FakeClock();
    private final OutboundScheduler scheduler = new OutboundScheduler(clock);
    private final List<String> sent = new ArrayList<>();

    private OutboundSend recording(String name) {
        return () -> {
            sent.add(name);
            return new SendResult.Sent();
        };
    }

    /** A send that the platform answers with the given results in turn, then takes. */
    private OutboundSend answeredWith(String name, SendResult... first) {
        Deque<SendResult> results = new ArrayDeque<>(List.of(first));
        return () -> {
            sent.add(name);
            return results.isEmpty() ? new SendResult.Sent() : results.removeFirst();
        };
    }

    private void enqueue(OutboundTarget target, String prefix, int count) {
        for (int i = 1; i <= count; i++) {
            scheduler.enqueue(target, recording(prefix + i));
        }
    }

    @Test
    void sendsFivePerFiveSecondsToADiscordChannelThenWaits() {
        OutboundTarget channel = OutboundTarget.discordChannel("c1");
        enqueue(channel, "m", 7);

        assertThat(scheduler.runDue()).isEqualTo(5);
        assertThat(scheduler.nextDueIn()).contains(Duration.ofSeconds(5));

        clock.advance(Duration.ofMillis(4_999));
        assertThat(scheduler.runDue()).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(scheduler.runDue()).isEqualTo(2);
        assertThat(sent).containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7");
        assertThat(scheduler.nextDueIn()).isEmpty();
    }

    @Test
    void aSlidingWindowLetsTheNextSendGoWhenTheOldestLeavesIt() {
        OutboundTarget channel = OutboundTarget.discordChannel("c1");
        enqueue(channel, "early", 3);
        scheduler.runDue();
        clock.advance(Duration.ofSeconds(2));
        enqueue(channel, "late", 3);

        assertThat(scheduler.runDue()).isEqualTo(2);
        assertThat(scheduler.nextDueIn()).contains(Duration.ofSeconds(3));
    }

    @Test
    void keepsDiscordChannelsIndependent() {
        enqueue(OutboundTarget.discordChannel("busy"), "b", 10);
        enqueue(OutboundTarget.discordChannel("quiet"), "q", 1);

        scheduler.runDue();

        assertThat(sent).contains("q1").filteredOn(name -> name.startsWith("b")).hasSize(5);
    }

    @Test
    void sendsOneMessagePerSecondToATelegramChat() {
        enqueue(OutboundTarget.telegramChat("42", false), "m", 3);

        assertThat(scheduler.runDue()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(scheduler.runDue()).isEqualTo(1);
        assertThat(scheduler.nextDueIn()).contains(Duration.ofSeconds(1));
    }

    @Test
    void sendsAtMostTwentyPerMinuteToATelegramGroup() {
        OutboundTarget group = OutboundTarget.telegramChat("-100", true);
        enqueue(group, "m", 25);

        int total = 0;
        for (int second = 0; second < 59; second++) {
            total += scheduler.runDue();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(total).isEqualTo(20);
        clock.advance(Duration.ofSeconds(1));
        assertThat(scheduler.runDue()).isEqualTo(1);
    }

    @Test
    void sendsAtMostThirtyPerSecondOverAllTelegramChatsTakingTurns() {
        for (int chat = 0; chat < 40; chat++) {
            enqueue(OutboundTarget.telegramChat("chat" + chat, false), "c" + chat + "-", 1);
        }

        assertThat(scheduler.runDue()).isEqualTo(30);
        assertThat(scheduler.pending()).isEqualTo(10);
        clock.advance(Duration.ofSeconds(1));
        assertThat(scheduler.runDue()).isEqualTo(10);
    }

    @Test
    void honoursA429RetryAfterAndSendsTheSameMessageAgainFirst() {
        OutboundTarget channel = OutboundTarget.discordChannel("c1");
        scheduler.enqueue(channel, answeredWith("first", new SendResult.RetryAfter(Duration.ofSeconds(7), false)));
        scheduler.enqueue(channel, recording("second"));

        assertThat(scheduler.runDue()).isZero();
        assertThat(sent).containsExactly("first");
        assertThat(scheduler.nextDueIn()).contains(Duration.ofSeconds(7));

        clock.advance(Duration.ofSeconds(6));
        assertThat(scheduler.runDue()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(scheduler.runDue()).isEqualTo(2);

        assertThat(sent).containsExactly("first", "first", "second");
        assertThat(scheduler.retried()).isEqualTo(1);
        assertThat(scheduler.sent()).isEqualTo(2);
    }

    @Test
    void aChannels429DoesNotHoldBackOtherChannels() {
        scheduler.enqueue(OutboundTarget.discordChannel("limited"),
                answeredWith("limited", new SendResult.RetryAfter(Duration.ofSeconds(30), false)));
        scheduler.enqueue(OutboundTarget.discordChannel("free"), recording("free"));

        scheduler.runDue();

        assertThat(sent).containsExactlyInAnyOrder("limited", "free");
        assertThat(scheduler.pending()).isEqualTo(1);
    }

    @Test
    void aGlobal429HoldsBackEveryTarget() {
        scheduler.enqueue(OutboundTarget.telegramChat("a", false),
                answeredWith("a", new SendResult.RetryAfter(Duration.ofSeconds(3), true)));
        scheduler.runDue();
        scheduler.enqueue(OutboundTarget.telegramChat("b", false), recording("b"));

        assertThat(scheduler.runDue()).isZero();
        assertThat(scheduler.nextDueIn()).contains(Duration.ofSeconds(3));

        clock.advance(Duration.ofSeconds(3));
        assertThat(scheduler.runDue()).isEqualTo(2);
    }

    @Test
    void dropsASendThePlatformRefusedForGoodAndGoesOn() {
        OutboundTarget channel = OutboundTarget.discordChannel("c1");
        scheduler.enqueue(channel, () -> {
            throw new IllegalStateException("missing permissions");
        });
        scheduler.enqueue(channel, recording("next"));

        assertThat(scheduler.runDue()).isEqualTo(2);

        assertThat(sent).containsExactly("next");
        assertThat(scheduler.failed()).isEqualTo(1);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void saysNothingIsDueWhenNothingWaits() {
        assertThat(scheduler.nextDueIn()).isEqualTo(Optional.empty());
        assertThat(scheduler.runDue()).isZero();
    }

    @Test
    void rejectsLimitsThatAllowNothing() {
        assertThatThrownBy(() -> new OutboundLimit("x", 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutboundLimit("x", 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
