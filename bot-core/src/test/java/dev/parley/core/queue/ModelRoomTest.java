package dev.parley.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ModelRoomTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final long WAIT_SECONDS = 5;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final FakeSlotModel model = new FakeSlotModel(2);

    private static QueueEntry entry(String message) {
        return new QueueEntry(new RequestKey("s", "ada", "c", message), new QueuedRequest() {
            @Override
            public void run() {}

            @Override
            public void abandon() {}
        }, T0, Instant.MAX);
    }

    @Test
    void hasRoom_withoutAModel_stopsAtTheQueuesSlots() {
        ModelRoom room = new ModelRoom(lock, work, 2, null);
        QueueEntry first = entry("m1");
        room.start(first);
        room.start(entry("m2"));

        assertThat(room.hasRoom()).isFalse();
        assertThat(room.running()).isEqualTo(2);

        room.end(first);

        assertThat(room.hasRoom()).isTrue();
        assertThat(room.running()).isOne();
    }

    @Test
    void hasRoom_countsAStartedRequestUntilTheModelDoes() {
        ModelRoom room = new ModelRoom(lock, work, 4, model);
        QueueEntry entry = entry("m1");
        room.start(entry);
        model.holds(1); // its stream opened: the model counts it too

        assertThat(room.hasRoom()).as("counted twice until it says so").isFalse();

        room.streamOpened(entry);

        assertThat(room.hasRoom()).as("each slot counted once").isTrue();
    }

    @Test
    void hasRoom_leavesTheSlotsOtherUsersHold() {
        ModelRoom room = new ModelRoom(lock, work, 4, model);
        model.holds(1);
        room.start(entry("m1"));

        assertThat(room.hasRoom()).isFalse();
    }

    @Test
    void end_ofAnOpenedRequestLeavesItsSlotToTheModelsCount() {
        ModelRoom room = new ModelRoom(lock, work, 4, model);
        QueueEntry opened = entry("m1");
        room.start(opened);
        room.streamOpened(opened);
        room.end(opened);
        model.holds(1); // the model has not freed the slot yet

        room.start(entry("m2"));

        assertThat(room.hasRoom()).as("the ended request is not subtracted twice").isFalse();
    }

    @Test
    void streamOpened_ofAnEndedRequestChangesNothing() {
        ModelRoom room = new ModelRoom(lock, work, 4, model);
        QueueEntry ended = entry("m1");
        room.start(ended);
        room.end(ended);
        room.streamOpened(ended);
        model.holds(1);

        room.start(entry("m2"));

        assertThat(ended.streamOpened).isFalse();
        assertThat(room.hasRoom()).isFalse();
    }

    @Test
    void running_picksTheRunningRequestsInStartOrder() {
        ModelRoom room = new ModelRoom(lock, work, 4, null);
        QueueEntry first = entry("m1");
        QueueEntry second = entry("m2");
        QueueEntry third = entry("m3");
        room.start(first);
        room.start(second);
        room.start(third);
        room.end(second);

        assertThat(room.running(e -> true)).containsExactly(first, third);
        assertThat(room.running(e -> e.key.messageId().equals("m3"))).containsExactly(third);
        assertThat(room.runs(second)).isFalse();
    }

    @Test
    @Timeout(30)
    void slotFreed_wakesAWorkerWaitingForRoom() throws InterruptedException {
        ModelRoom room = new ModelRoom(lock, work, 4, model);
        model.holds(2);
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch foundRoom = new CountDownLatch(1);
        Thread worker = waitForRoom(room, waiting, foundRoom);

        assertThat(waiting.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        model.holds(1);
        room.slotFreed();

        assertThat(foundRoom.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        worker.join();
    }

    @Test
    @Timeout(30)
    void streamOpened_wakesAWorkerWaitingForRoom() throws InterruptedException {
        ModelRoom room = new ModelRoom(lock, work, 4, model);
        QueueEntry entry = entry("m1");
        room.start(entry);
        model.holds(1);
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch foundRoom = new CountDownLatch(1);
        Thread worker = waitForRoom(room, waiting, foundRoom);

        assertThat(waiting.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        room.streamOpened(entry);

        assertThat(foundRoom.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        worker.join();
    }

    /**
     * A worker as the queue's: waits on the condition until there is room. It holds the lock from
     * its first look until {@code await} lets go, so no signal can come between the two.
     */
    private Thread waitForRoom(ModelRoom room, CountDownLatch waiting, CountDownLatch foundRoom) {
        return Thread.ofPlatform().start(() -> {
            lock.lock();
            try {
                waiting.countDown();
                while (!room.hasRoom()) {
                    work.awaitUninterruptibly();
                }
                foundRoom.countDown();
            } finally {
                lock.unlock();
            }
        });
    }
}
