package dev.parley.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InferenceQueueTest {

    private static final long WAIT_SECONDS = 5;

    private final List<InferenceQueue> queues = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void closeQueues() {
        release.countDown();
        queues.forEach(InferenceQueue::close);
    }

    private InferenceQueue queue(int slots, int capacity) {
        InferenceQueue queue = new InferenceQueue(slots, capacity);
        queues.add(queue);
        return queue;
    }

    /** A request that says when it started and then holds its slot until the test releases it. */
    private Runnable blocking(CountDownLatch started, AtomicInteger running, AtomicInteger maxRunning) {
        return () -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            started.countDown();
            try {
                release.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        };
    }

    @Test
    void runsAtMostSlotsRequestsAtOnce() throws InterruptedException {
        InferenceQueue queue = queue(2, 10);
        CountDownLatch twoStarted = new CountDownLatch(2);
        CountDownLatch allFinished = new CountDownLatch(5);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();

        for (int i = 0; i < 5; i++) {
            Runnable request = blocking(twoStarted, running, maxRunning);
            queue.submit(() -> {
                request.run();
                allFinished.countDown();
            });
        }

        assertThat(twoStarted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(queue.waiting()).isEqualTo(3);
        assertThat(running.get()).isEqualTo(2);

        release.countDown();

        assertThat(allFinished.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(maxRunning.get()).isEqualTo(2);
    }

    @Test
    void refusesRequestsBeyondItsCapacity() throws InterruptedException {
        InferenceQueue queue = queue(1, 2);
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();

        assertThat(queue.submit(blocking(started, running, maxRunning))).isEqualTo(new QueueAdmission.Queued(0));
        assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(queue.submit(() -> {})).isEqualTo(new QueueAdmission.Queued(0));
        assertThat(queue.submit(() -> {})).isEqualTo(new QueueAdmission.Queued(1));

        assertThat(queue.submit(() -> {})).isEqualTo(new QueueAdmission.Full(2));
        assertThat(queue.waiting()).isEqualTo(2);
    }

    @Test
    void refusedRequestsNeverRun() throws InterruptedException {
        InferenceQueue queue = queue(1, 1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger refusedRan = new AtomicInteger();
        queue.submit(blocking(started, running, maxRunning));
        assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        CountDownLatch queuedRan = new CountDownLatch(1);
        queue.submit(queuedRan::countDown);

        assertThat(queue.submit(refusedRan::incrementAndGet)).isInstanceOf(QueueAdmission.Full.class);
        release.countDown();

        assertThat(queuedRan.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(queue.shutdown(Duration.ofSeconds(WAIT_SECONDS))).isTrue();
        assertThat(refusedRan.get()).isZero();
    }

    @Test
    void takesRequestsAgainOnceASlotFreesUp() throws InterruptedException {
        InferenceQueue queue = queue(1, 1);
        CountDownLatch firstDone = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        CountDownLatch holdSecond = new CountDownLatch(1);
        queue.submit(firstDone::countDown);
        assertThat(firstDone.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        queue.submit(() -> {
            secondStarted.countDown();
            await(holdSecond);
        });
        assertThat(secondStarted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        assertThat(queue.submit(() -> {})).isEqualTo(new QueueAdmission.Queued(0));
        holdSecond.countDown();
    }

    @Test
    void refusesEverythingAfterShutdown() throws InterruptedException {
        InferenceQueue queue = queue(1, 1);

        assertThat(queue.shutdown(Duration.ofSeconds(WAIT_SECONDS))).isTrue();

        assertThat(queue.submit(() -> {})).isInstanceOf(QueueAdmission.Full.class);
    }

    @Test
    void rejectsSlotsOrCapacityBelowOne() {
        assertThatThrownBy(() -> new InferenceQueue(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InferenceQueue(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void closeAbandonsWaitingRequestsInsteadOfDroppingThemSilently() throws Exception {
        InferenceQueue queue = queue(1, 5);
        CountDownLatch started = new CountDownLatch(1);
        queue.submit(blocking(started, new AtomicInteger(), new AtomicInteger()));
        assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (String name : List.of("a", "b")) {
            queue.submit(new QueuedRequest() {
                @Override
                public void run() {
                    events.add("ran " + name);
                }

                @Override
                public void abandon() {
                    events.add("abandoned " + name);
                }
            });
        }

        queue.close();

        assertThat(events).containsExactly("abandoned a", "abandoned b");
    }

    /** A request that records what became of it; it runs until stopped or released. */
    private QueuedRequest recorded(String name, List<String> events, CountDownLatch started, CountDownLatch stop) {
        return new QueuedRequest() {
            @Override
            public void run() {
                started.countDown();
                try {
                    boolean released = release.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    events.add((stop.getCount() == 0 ? "stopped " : released ? "finished " : "timed out ") + name);
                } catch (InterruptedException e) {
                    events.add("interrupted " + name);
                }
            }

            @Override
            public void abandon() {
                events.add("abandoned " + name);
            }

            @Override
            public void stop() {
                stop.countDown();
                release.countDown();
            }
        };
    }

    @Test
    void finish_abandonsWaitingRequestsAtOnceAndLetsTheRunningOneComplete() throws Exception {
        InferenceQueue queue = queue(1, 5);
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        queue.submit(recorded("running", events, started, new CountDownLatch(1)));
        assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        queue.submit(recorded("a", events, new CountDownLatch(1), new CountDownLatch(1)));
        queue.submit(recorded("b", events, new CountDownLatch(1), new CountDownLatch(1)));
        var finished = new java.util.concurrent.CompletableFuture<Boolean>();
        Thread.ofPlatform().start(() -> {
            try {
                finished.complete(queue.finish(Duration.ofSeconds(WAIT_SECONDS)));
            } catch (InterruptedException e) {
                finished.completeExceptionally(e);
            }
        });

        // the waiting ones are told while the running one still holds its slot
        await(() -> events.size() == 2);
        assertThat(events).containsExactly("abandoned a", "abandoned b");
        assertThat(queue.submit(() -> events.add("late"))).isInstanceOf(QueueAdmission.Full.class);
        release.countDown();

        assertThat(finished.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(events).containsExactly("abandoned a", "abandoned b", "finished running");
        assertThat(queue.stats().abandoned()).isEqualTo(2);
    }

    @Test
    void finish_stopsTheRunningRequestWhenTheGraceRunsOut() throws Exception {
        InferenceQueue queue = queue(1, 5);
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        queue.submit(recorded("running", events, started, new CountDownLatch(1)));
        assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        boolean inTime = queue.finish(Duration.ofMillis(50));

        assertThat(inTime).isFalse();
        assertThat(events).containsExactly("stopped running");
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
