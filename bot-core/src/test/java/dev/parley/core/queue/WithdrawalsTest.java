package dev.parley.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WithdrawalsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final long WAIT_SECONDS = 5;

    private final ReentrantLock lock = new ReentrantLock();
    private final WaitingRequests line = new WaitingRequests();
    private final ModelRoom room = new ModelRoom(lock, lock.newCondition(), 4, null);
    private final Withdrawals withdrawals = new Withdrawals(lock, line, room);
    /** What the requests were told, as "message:call". */
    private final List<String> told = new CopyOnWriteArrayList<>();

    private QueueEntry waiting(String user, String conversation, String message) {
        QueueEntry entry = new QueueEntry(new RequestKey("s", user, conversation, message), new Recording(message),
                T0, Instant.MAX);
        line.add(entry);
        return entry;
    }

    /** Waits, then is taken out of the line and runs, as the queue's worker does it; call before adding waiting ones. */
    private QueueEntry running(String user, String conversation, String message) {
        QueueEntry entry = waiting(user, conversation, message);
        assertThat(line.poll()).isSameAs(entry);
        room.start(entry);
        return entry;
    }

    @Test
    void ofAsker_cancelsWaitingAndStopsRunningRequestsOfTheAuthorInItsConversation() {
        running("ada", "c1", "m1");
        waiting("ada", "c1", "m2");
        waiting("ada", "c2", "m3");
        waiting("bob", "c1", "m4");

        Withdrawal withdrawal = withdrawals.ofAsker(new RequestKey("s", "ada", "c1", "any"));

        assertThat(withdrawal).isEqualTo(new Withdrawal(1, 1));
        assertThat(told).containsExactly("m2:cancel", "m1:stop");
        assertThat(line.size()).isEqualTo(2);
        assertThat(withdrawals.count()).isOne();
    }

    @Test
    void ofMessage_cancelsItsWaitingRequestOrStopsItsRunningOne() {
        running("bob", "c1", "m2");
        waiting("ada", "c1", "m1");

        assertThat(withdrawals.ofMessage("m1")).isEqualTo(new Withdrawal(1, 0));
        assertThat(withdrawals.ofMessage("m2")).isEqualTo(new Withdrawal(0, 1));
        assertThat(withdrawals.ofMessage("m3").none()).isTrue();

        assertThat(told).containsExactly("m1:cancel", "m2:stop");
        assertThat(line.isEmpty()).isTrue();
        assertThat(room.running()).as("a stopped request ends by itself").isOne();
        assertThat(withdrawals.count()).isOne();
    }

    @Test
    void ofRequest_cancelsItWaitingStopsItRunningAndLeavesItDone() {
        QueueEntry running = running("bob", "c1", "m2");
        QueueEntry done = running("cyd", "c1", "m3");
        QueueEntry waiting = waiting("ada", "c1", "m1");
        room.end(done);
        line.ran(done);

        assertThat(withdrawals.ofRequest(waiting.request)).isEqualTo(new Withdrawal(1, 0));
        assertThat(withdrawals.ofRequest(running.request)).isEqualTo(new Withdrawal(0, 1));
        assertThat(withdrawals.ofRequest(done.request).none()).isTrue();
        assertThat(withdrawals.ofRequest(waiting.request).none()).as("withdrawn once").isTrue();

        assertThat(told).containsExactly("m1:cancel", "m2:stop");
    }

    @Test
    void aFailingRequestDoesNotKeepTheOthersFromBeingTold() {
        line.add(new QueueEntry(new RequestKey("s", "ada", "c1", "m1"), new Recording("m1") {
            @Override
            public void cancel() {
                throw new IllegalStateException("its channel is gone");
            }
        }, T0, Instant.MAX));
        waiting("ada", "c1", "m2");

        assertThat(withdrawals.ofAsker(new RequestKey("s", "ada", "c1", "any"))).isEqualTo(new Withdrawal(2, 0));
        assertThat(told).containsExactly("m2:cancel");
    }

    @Test
    @Timeout(30)
    void tellsRequestsAfterLettingGoOfTheLockSoTheyMayCallTheQueueBack() {
        AtomicBoolean anotherThreadGotTheLock = new AtomicBoolean();
        line.add(new QueueEntry(new RequestKey("s", "ada", "c1", "m1"), new Recording("m1") {
            @Override
            public void cancel() {
                CountDownLatch locked = new CountDownLatch(1);
                Thread.ofPlatform().start(() -> {
                    lock.lock(); // what a request calling the queue back from its own thread does
                    try {
                        locked.countDown();
                    } finally {
                        lock.unlock();
                    }
                });
                try {
                    anotherThreadGotTheLock.set(locked.await(WAIT_SECONDS, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, T0, Instant.MAX));

        withdrawals.ofMessage("m1");

        assertThat(anotherThreadGotTheLock).isTrue();
    }

    private class Recording implements QueuedRequest {

        private final String message;

        Recording(String message) {
            this.message = message;
        }

        @Override
        public void run() {}

        @Override
        public void abandon() {
            told.add(message + ":abandon");
        }

        @Override
        public void cancel() {
            told.add(message + ":cancel");
        }

        @Override
        public void stop() {
            told.add(message + ":stop");
        }
    }
}
