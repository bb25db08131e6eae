package dev.parley.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue's fairness, bounds, deadlines and withdrawal, with one slot held by a request the test releases. */
class FairQueueTest {

    private static final long WAIT_SECONDS = 5;
    private static final Duration MAX_WAIT = Duration.ofMinutes(2);

    private final FakeClock clock = new FakeClock();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<InferenceQueue> queues = new ArrayList<>();

    @AfterEach
    void closeQueues() {
        release.countDown();
        queues.forEach(InferenceQueue::close);
    }

    private InferenceQueue queue(int capacity, int perUser) {
        InferenceQueue queue = new InferenceQueue(new QueueSettings(1, capacity, perUser, MAX_WAIT), clock);
        queues.add(queue);
        return queue;
    }

    private static RequestKey key(String user, String messageId) {
        return new RequestKey("discord:guild", user, "general/", messageId);
    }

    /** A request that records what became of it, and can count down a latch when it is done. */
    private QueuedRequest recorded(String name, CountDownLatch done) {
        return new QueuedRequest() {
            @Override
            public void run() {
                events.add("ran " + name);
                done.countDown();
            }

            @Override
            public void abandon() {
                events.add("abandoned " + name);
                done.countDown();
            }

            @Override
            public void expire() {
                events.add("expired " + name);
                done.countDown();
            }

            @Override
            public void cancel() {
                events.add("cancelled " + name);
                done.countDown();
            }
        };
    }

    /** Takes the only slot until the test counts {@link #release} down. */
    private void holdTheSlot(InferenceQueue queue) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        queue.submit(key("holder", "hold"), new QueuedRequest() {
            @Override
            public void run() {
                started.countDown();
                await(release);
            }

            @Override
            public void abandon() {}
        });
        assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void servesOtherUsersWithinTheFirstTurnsWhileOneUserFloods() throws InterruptedException {
        InferenceQueue queue = queue(100, 50);
        holdTheSlot(queue);
        CountDownLatch all = new CountDownLatch(22);
        for (int i = 1; i <= 20; i++) {
            queue.submit(key("a", "a" + i), recorded("a" + i, all));
        }
        queue.submit(key("b", "b1"), recorded("b1", all));
        queue.submit(key("c", "c1"), recorded("c1", all));

        release.countDown();

        assertThat(all.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(events).hasSize(22);
        assertThat(events.subList(0, 3)).containsExactly("ran a1", "ran b1", "ran c1");
    }

    @Test
    void tellsANewcomerTheyAreNextDespiteAFloodersBacklog() throws InterruptedException {
        InferenceQueue queue = queue(100, 50);
        holdTheSlot(queue);
        for (int i = 1; i <= 20; i++) {
            queue.submit(key("a", "a" + i), recorded("a" + i, new CountDownLatch(1)));
        }

        assertThat(queue.submit(key("b", "b1"), recorded("b1", new CountDownLatch(1))))
                .isEqualTo(new QueueAdmission.Queued(1));
    }

    @Test
    void refusesAUsersRequestsBeyondTheirShareButStillTakesOthers() throws InterruptedException {
        InferenceQueue queue = queue(100, 3);
        holdTheSlot(queue);
        for (int i = 1; i <= 3; i++) {
            assertThat(queue.submit(key("a", "a" + i), recorded("a" + i, new CountDownLatch(1))))
                    .isInstanceOf(QueueAdmission.Queued.class);
        }

        assertThat(queue.submit(key("a", "a4"), recorded("a4", new CountDownLatch(1))))
                .isEqualTo(new QueueAdmission.TooManyWaiting(3));
        assertThat(queue.submit(key("b", "b1"), recorded("b1", new CountDownLatch(1))))
                .isInstanceOf(QueueAdmission.Queued.class);
        assertThat(queue.stats().refusedPerUser()).isEqualTo(1);
    }

    @Test
    void holdsAtMostItsBoundsHoweverManyRequestsArrive() throws InterruptedException {
        InferenceQueue queue = queue(50, 5);
        holdTheSlot(queue);
        int taken = 0;
        for (int user = 0; user < 100; user++) {
            for (int i = 0; i < 100; i++) {
                String id = user + "-" + i;
                if (queue.submit(key("u" + user, id), recorded(id, new CountDownLatch(1)))
                        instanceof QueueAdmission.Queued) {
                    taken++;
                }
            }
        }

        assertThat(taken).isEqualTo(50);
        assertThat(queue.waiting()).isEqualTo(50);
        assertThat(queue.stats().refusedPerUser() + queue.stats().refusedFull()).isEqualTo(100 * 100 - 50);
        assertThat(events).as("a refused request is never called").isEmpty();
    }

    @Test
    void expiresARequestThatWaitedPastItsDeadlineAndNeverRunsIt() throws InterruptedException {
        InferenceQueue queue = queue(10, 10);
        holdTheSlot(queue);
        CountDownLatch told = new CountDownLatch(1);
        queue.submit(key("a", "a1"), recorded("a1", told));
        clock.advance(MAX_WAIT.minusSeconds(1));
        assertThat(queue.expireOverdue()).isZero();

        clock.advance(Duration.ofSeconds(1));

        assertThat(queue.expireOverdue()).isEqualTo(1);
        assertThat(events).containsExactly("expired a1");
        assertThat(queue.waiting()).isZero();
        assertThat(queue.stats().expired()).isEqualTo(1);
        CountDownLatch next = new CountDownLatch(1);
        queue.submit(key("b", "b1"), recorded("b1", next));
        release.countDown();
        assertThat(next.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(events).containsExactly("expired a1", "ran b1");
    }

    @Test
    void expiresOverdueRequestsWhenTheNextOneArrivesFreeingTheirPlace() throws InterruptedException {
        InferenceQueue queue = queue(1, 1);
        holdTheSlot(queue);
        queue.submit(key("a", "a1"), recorded("a1", new CountDownLatch(1)));
        assertThat(queue.submit(key("b", "b1"), recorded("b1", new CountDownLatch(1))))
                .isInstanceOf(QueueAdmission.Full.class);

        clock.advance(MAX_WAIT);

        assertThat(queue.submit(key("b", "b2"), recorded("b2", new CountDownLatch(1))))
                .isEqualTo(new QueueAdmission.Queued(0));
        assertThat(events).containsExactly("expired a1");
    }

    @Test
    void withdrawingAWaitingRequestCancelsItAndFreesItsPlace() throws InterruptedException {
        InferenceQueue queue = queue(1, 1);
        holdTheSlot(queue);
        queue.submit(key("a", "a1"), recorded("a1", new CountDownLatch(1)));

        Withdrawal withdrawal = queue.withdraw(key("a", "any"));

        assertThat(withdrawal).isEqualTo(new Withdrawal(1, 0));
        assertThat(events).containsExactly("cancelled a1");
        assertThat(queue.waiting()).isZero();
        assertThat(queue.submit(key("b", "b1"), recorded("b1", new CountDownLatch(1))))
                .isInstanceOf(QueueAdmission.Queued.class);
    }

    @Test
    void withdrawingTouchesOnlyTheAskersRequestsInThatConversation() throws InterruptedException {
        InferenceQueue queue = queue(10, 10);
        holdTheSlot(queue);
        queue.submit(key("a", "a1"), recorded("a1", new CountDownLatch(1)));
        queue.submit(new RequestKey("discord:guild", "a", "other-channel/", "a2"), recorded("a2", new CountDownLatch(1)));
        queue.submit(key("b", "b1"), recorded("b1", new CountDownLatch(1)));

        assertThat(queue.withdraw(key("a", "x"))).isEqualTo(new Withdrawal(1, 0));

        assertThat(events).containsExactly("cancelled a1");
        assertThat(queue.waiting()).isEqualTo(2);
    }

    @Test
    void aStopTypedInTheChannelReachesTheAskersQuestionsInReplyChainsThereButNotOtherChains() throws InterruptedException {
        InferenceQueue queue = queue(10, 10);
        holdTheSlot(queue);
        queue.submit(new RequestKey("discord:guild", "a", "general/root-1", "a1"), recorded("a1", new CountDownLatch(1)));
        queue.submit(new RequestKey("discord:guild", "a", "general/root-2", "a2"), recorded("a2", new CountDownLatch(1)));

        assertThat(queue.withdraw(new RequestKey("discord:guild", "a", "general/root-1", "x")))
                .as("inside a chain: only that chain").isEqualTo(new Withdrawal(1, 0));
        assertThat(queue.withdraw(key("a", "x"))).as("from the channel: every chain there").isEqualTo(new Withdrawal(1, 0));

        assertThat(events).containsExactly("cancelled a1", "cancelled a2");
        assertThat(queue.waiting()).isZero();
    }

    @Test
    void withdrawingTheRequestOfADeletedMessageFreesItsPlace() throws InterruptedException {
        InferenceQueue queue = queue(10, 10);
        holdTheSlot(queue);
        queue.submit(key("a", "a1"), recorded("a1", new CountDownLatch(1)));
        queue.submit(key("a", "a2"), recorded("a2", new CountDownLatch(1)));

        assertThat(queue.withdrawMessage("a1")).isEqualTo(new Withdrawal(1, 0));
        assertThat(queue.withdrawMessage("a1")).as("only once").isEqualTo(new Withdrawal(0, 0));

        assertThat(events).containsExactly("cancelled a1");
        assertThat(queue.waiting()).isEqualTo(1);
        assertThat(queue.stats().withdrawn()).isEqualTo(1);
    }

    @Test
    void withdrawingARunningRequestAsksItToStop() throws InterruptedException {
        InferenceQueue queue = queue(10, 10);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        queue.submit(key("a", "a1"), new QueuedRequest() {
            @Override
            public void run() {
                started.countDown();
                await(stopped);
            }

            @Override
            public void abandon() {}

            @Override
            public void stop() {
                stopped.countDown();
            }
        });
        assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        assertThat(queue.withdrawMessage("a1")).isEqualTo(new Withdrawal(0, 1));

        assertThat(stopped.getCount()).isZero();
    }

    @Test
    void countsTheTimeRequestsWaitedForASlot() throws InterruptedException {
        InferenceQueue queue = queue(10, 10);
        holdTheSlot(queue);
        CountDownLatch ran = new CountDownLatch(1);
        queue.submit(key("a", "a1"), recorded("a1", ran));
        clock.advance(Duration.ofSeconds(30));

        release.countDown();

        assertThat(ran.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        QueueStats stats = queue.stats();
        assertThat(stats.started()).isEqualTo(2);
        assertThat(stats.totalWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(stats.longestWait()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aSweeperTellsAnOverdueRequestEvenWhileEverySlotIsBusy() throws InterruptedException {
        InferenceQueue queue = queue(10, 10);
        holdTheSlot(queue);
        CountDownLatch told = new CountDownLatch(1);
        queue.submit(key("a", "a1"), recorded("a1", told));
        clock.advance(MAX_WAIT);

        queue.sweepEvery(Duration.ofMillis(10));

        assertThat(told.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(events).containsExactly("expired a1");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
