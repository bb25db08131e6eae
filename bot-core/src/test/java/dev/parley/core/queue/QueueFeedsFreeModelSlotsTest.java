package dev.parley.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.ChatModel;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.ReplyStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * A fake model that only keeps a busy count: the test sets how many slots other users hold;
     * requests of the queue take one while they generate. Counts each reading of the busy count.
     */
    private static final class FakeSlotModel implements ChatModel {

        final Semaphore consulted = new Semaphore(0);
        final AtomicInteger mostBusy = new AtomicInteger();
        private final int slots;
        private final AtomicInteger busy = new AtomicInteger();
        private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

        FakeSlotModel(int slots) {
            this.slots = slots;
        }

        void othersTake(int count) {
            mostBusy.accumulateAndGet(busy.addAndGet(count), Math::max);
        }

        void othersFree(int count) {
            for (int i = 0; i < count; i++) {
                busy.decrementAndGet();
                listeners.forEach(Runnable::run);
            }
        }

        /** A request that opens a stream (taking a slot), says so, and holds it until {@code done}. */
        QueuedRequest generating(CountDownLatch started, CountDownLatch done) {
            return new QueuedRequest() {
                @Override
                public void run() {
                    throw new AssertionError("the queue runs requests with their slot");
                }

                @Override
                public void run(ModelSlot slot) {
                    othersTake(1);
                    slot.streamOpened();
                    started.countDown();
                    await(done);
                    othersFree(1);
                }

                @Override
                public void abandon() {}
            };
        }

        @Override
        public int busySlots() {
            int now = busy.get();
            consulted.release();
            return now;
        }

        @Override
        public void whenSlotFrees(Runnable listener) {
            listeners.add(listener);
        }

        @Override
        public int parallelSlots() {
            return slots;
        }

        @Override
        public ReplyStream stream(ChatRequest request) {
            throw new UnsupportedOperationException("a fake that only counts slots");
        }

        @Override
        public int countTokens(String text) {
            return 0;
        }

        @Override
        public int contextSize() {
            return 0;
        }

        @Override
        public void close() {}
    }
}
