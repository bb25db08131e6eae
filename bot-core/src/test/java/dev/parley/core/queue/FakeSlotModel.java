package dev.parley.core.queue;

import dev.parley.core.model.ChatModel;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.ReplyStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake model that only keeps a busy count: the test sets how many slots other users hold;
 * requests of the queue take one while they generate. Counts each reading of the busy count.
 * Shared by the queue's tests of its model room and of feeding free slots.
 */
final class FakeSlotModel implements ChatModel {

    private static final long WAIT_SECONDS = 5;

    final Semaphore consulted = new Semaphore(0);
    final AtomicInteger mostBusy = new AtomicInteger();
    private final int slots;
    private final AtomicInteger busy = new AtomicInteger();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    FakeSlotModel(int slots) {
        this.slots = slots;
    }

    /** The model now counts {@code count} busy slots, whoever holds them. */
    void holds(int count) {
        busy.set(count);
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
