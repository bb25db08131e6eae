package dev.parley.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboundDriverTest {

    private static final OutboundTarget CHAT = new OutboundTarget("test:chat",
            List.of(new OutboundLimit("test:chat", 100, Duration.ofSeconds(1))));

    @Test
    void enqueue_wakesTheThreadAndSendsInOrder() throws InterruptedException {
        List<Integer> sent = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        try (OutboundDriver driver = new OutboundDriver(new OutboundScheduler(InstantSource.system()),
                Thread.ofVirtual().factory())) {
            driver.start();
            for (int i = 1; i <= 3; i++) {
                int n = i;
                driver.enqueue(CHAT, () -> {
                    sent.add(n);
                    done.countDown();
                    return new SendResult.Sent();
                });
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(sent).containsExactly(1, 2, 3);
    }

    @Test
    void offer_beforeClose_queuesTheSend() throws InterruptedException {
        CountDownLatch sent = new CountDownLatch(1);
        try (OutboundDriver driver = new OutboundDriver(new OutboundScheduler(InstantSource.system()),
                Thread.ofVirtual().factory())) {
            driver.start();
            assertThat(driver.offer(CHAT, () -> {
                sent.countDown();
                return new SendResult.Sent();
            })).isTrue();
            assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void retryAfter_sendsTheSameMessageAgainAfterThePause() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch delivered = new CountDownLatch(1);
        try (OutboundDriver driver = new OutboundDriver(new OutboundScheduler(InstantSource.system()),
                Thread.ofVirtual().factory())) {
            driver.start();
            driver.enqueue(CHAT, () -> {
                if (attempts.incrementAndGet() == 1) {
                    return new SendResult.RetryAfter(Duration.ofMillis(50), false);
                }
                delivered.countDown();
                return new SendResult.Sent();
            });
            assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(driver.scheduler().retried()).isEqualTo(1);
        }
        assertThat(attempts).hasValue(2);
    }

    @Test
    void close_drainsWaitingSendsThenRefusesNewOnes() {
        AtomicInteger sent = new AtomicInteger();
        OutboundTarget slow = new OutboundTarget("test:slow",
                List.of(new OutboundLimit("test:slow", 1, Duration.ofMillis(20))));
        OutboundDriver driver = new OutboundDriver(new OutboundScheduler(InstantSource.system()),
                Thread.ofVirtual().factory());
        driver.start();
        for (int i = 0; i < 5; i++) {
            driver.enqueue(slow, () -> {
                sent.incrementAndGet();
                return new SendResult.Sent();
            });
        }

        driver.close(Duration.ofSeconds(10));

        assertThat(sent).hasValue(5);
        assertThatThrownBy(() -> driver.enqueue(CHAT, SendResult.Sent::new)).isInstanceOf(IllegalStateException.class);
        assertThat(driver.offer(CHAT, () -> {
            sent.incrementAndGet();
            return new SendResult.Sent();
        })).as("an offer after close is refused").isFalse();
        assertThat(sent).hasValue(5);
        driver.close(); // idempotent
    }

    @Test
    void close_drainEndsWhenTheSchedulersClockPassesTheDeadline() {
        FakeClock clock = new FakeClock();
        // never started: the test asks the driver directly, with no thread and no sleeping
        OutboundDriver driver = new OutboundDriver(new OutboundScheduler(clock), Thread.ofVirtual().factory());
        driver.enqueue(CHAT, SendResult.Sent::new);

        driver.close(Duration.ofSeconds(30));
        assertThat(driver.finished()).as("a send waits and the drain time is not over").isFalse();

        clock.advance(Duration.ofSeconds(31));
        assertThat(driver.finished()).isTrue();
    }

    @Test
    void pause_isAskedForExactlyTheWaitTheLimitsLeave() throws InterruptedException {
        FakeClock clock = new FakeClock();
        List<Duration> waits = new CopyOnWriteArrayList<>();
        OutboundPause skipped = (wake, wait) -> {
            waits.add(wait);
            clock.advance(wait);
        };
        OutboundTarget onePerSecond = new OutboundTarget("test:paced",
                List.of(new OutboundLimit("test:paced", 1, Duration.ofSeconds(1))));
        CountDownLatch done = new CountDownLatch(3);
        try (OutboundDriver driver = new OutboundDriver(new OutboundScheduler(clock), Thread.ofVirtual().factory(),
                skipped)) {
            for (int i = 0; i < 3; i++) {
                driver.enqueue(onePerSecond, () -> {
                    done.countDown();
                    return new SendResult.Sent();
                });
            }
            driver.start();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }
}
