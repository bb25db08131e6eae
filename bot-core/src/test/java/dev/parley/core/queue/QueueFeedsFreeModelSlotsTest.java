package dev.parley.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue starts a request only when the model has a slot for it, and as soon as one frees. */
class QueueFeedsFreeModelSlotsTest {

    private static final long WAIT_SECONDS = 5;

    private final FakeSlotModel model = new FakeSlotModel(2);
    private final InferenceQueue queue = new InferenceQueue(
            new QueueSettings(2, 10, 10, QueueSettings.NO_DEADLINE), InstantSource.system(), model);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        queue.close();
    }

    @Test
    void waitsWhileOtherUsersHoldEverySlotAndStartsWhenOneFrees() throws InterruptedException {
        model.othersTake(2);
        CountDownLatch started = new CountDownLatch(1);
        model.consulted.drainPermits();

        queue.submit(generating(started));

        awaitDecision();
        assertThat(queue.running()).isZero();
        assertThat(queue.waiting()).isOne();

        model.othersFree(1);

        assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(queue.running()).isOne();
    }

    @Test
    void startsOnlyAsManyAsTheModelHasFreeSlots() throws InterruptedException {
        model.othersTake(1);
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);

        queue.submit(generating(firstStarted));
        assertThat(firstStarted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        model.consulted.drainPermits();
        queue.submit(generating(secondStarted));

        awaitDecision();
        assertThat(queue.running()).isOne();
        assertThat(secondStarted.getCount()).isOne();
        assertThat(model.busySlots()).isEqualTo(2);

        model.othersFree(1);

        assertThat(secondStarted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(model.busySlots()).isEqualTo(2);
    }

    @Test
    void countsItsOwnOpenStreamsOnceSoEverySlotIsUsed() throws InterruptedException {
        CountDownLatch bothStarted = new CountDownLatch(2);

        queue.submit(generating(bothStarted));
        queue.submit(generating(bothStarted));

        assertThat(bothStarted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(model.busySlots()).isEqualTo(2);
        assertThat(model.mostBusy.get()).isEqualTo(2);
    }

    @Test
    void countsARunningRequestThatHasNotOpenedItsStreamAsHoldingASlot() throws InterruptedException {
        model.othersTake(1);
        CountDownLatch plainStarted = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        queue.submit(() -> {
            plainStarted.countDown(); // never tells the queue about a stream
            await(release);
        });
        assertThat(plainStarted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        model.consulted.drainPermits();

        queue.submit(generating(secondStarted));

        awaitDecision();
        assertThat(secondStarted.getCount()).isOne();
        release.countDown();
        assertThat(secondStarted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aFinishedRequestsSlotGoesToTheNextWaitingOne() throws InterruptedException {
        FakeSlotModel oneSlot = new FakeSlotModel(1);
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        CountDownLatch finishFirst = new CountDownLatch(1);
        try (InferenceQueue single = new InferenceQueue(new QueueSettings(2, 10, 10, QueueSettings.NO_DEADLINE),
                InstantSource.system(), oneSlot)) {
            single.submit(oneSlot.generating(firstStarted, finishFirst));
            assertThat(firstStarted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            single.submit(oneSlot.generating(secondStarted, release));
            assertThat(single.running()).isOne();

            finishFirst.countDown();

            assertThat(secondStarted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(oneSlot.mostBusy.get()).isOne();
        }
    }

    /** Blocks until a worker has read the model's busy slots since the test last drained the permits. */
    private void awaitDecision() throws InterruptedException {
        assertThat(model.consulted.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).as("a worker consulted the model").isTrue();
    }

    private QueuedRequest generating(CountDownLatch started) {
        return model.generating(started, release);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
