package dev.parley.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.pipeline.Rejection;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.QueueSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueueMetersTest {

    @Test
    void metersFollowTheQueueAndTheRejectionsByReason() throws InterruptedException {
        Map<Rejection, Long> rejections = new EnumMap<>(Rejection.class);
        var registry = new SimpleMeterRegistry();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (var queue = new InferenceQueue(new QueueSettings(1, 5, 5, Duration.ofMinutes(1)), InstantSource.system())) {
            new QueueMeters(queue, reason -> rejections.getOrDefault(reason, 0L)).bindTo(registry);
            // nothing but the registry holds the binder and its function now: the meters must still read them
            System.gc();
            queue.submit(() -> {
                started.countDown();
                await(release);
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            queue.submit(() -> {});
            rejections.put(Rejection.RATE_LIMITED_CHANNEL, 4L);

            assertThat(registry.get("parley.queue.waiting").gauge().value()).isEqualTo(1);
            assertThat(registry.get("parley.queue.running").gauge().value()).isEqualTo(1);
            assertThat(registry.get("parley.queue.started").functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("parley.rejections").tag("reason", "rate_limited_channel").functionCounter().count())
                    .isEqualTo(4);
            assertThat(registry.get("parley.rejections").tag("reason", "queue_full").functionCounter().count()).isZero();
            release.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
