package dev.parley.model.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReplySlotsTest {

    private final ReplySlots<String> slots = new ReplySlots<>("test-deadlines");

    @Test
    void busy_countsRepliesAddedAndNotReleased() {
        slots.add("a");
        slots.add("b");
        slots.release("a");

        assertThat(slots.busy()).isEqualTo(1);
    }

    @Test
    void release_tellsEveryListenerOncePerReply() {
        AtomicInteger told = new AtomicInteger();
        slots.whenSlotFrees(told::incrementAndGet);
        slots.whenSlotFrees(told::incrementAndGet);
        slots.add("a");

        slots.release("a");
        slots.release("a");
        slots.release("never added");

        assertThat(told).hasValue(2);
    }

    @Test
    void release_aFailingListenerDoesNotStopTheOthers() {
        AtomicInteger told = new AtomicInteger();
        slots.whenSlotFrees(() -> {
            throw new IllegalStateException("listener broke");
        });
        slots.whenSlotFrees(told::incrementAndGet);
        slots.add("a");

        slots.release("a");

        assertThat(told).hasValue(1);
    }

    @Test
    void close_endsEveryOpenReplyOnceAndIsIdempotent() {
        List<String> ended = new ArrayList<>();
        slots.add("a");
        slots.add("b");

        assertThat(slots.close(ended::add)).isTrue();
        assertThat(slots.close(ended::add)).isFalse();

        assertThat(ended).containsExactlyInAnyOrder("a", "b");
        assertThat(slots.isClosed()).isTrue();
    }

    @Test
    void atDeadline_runsTheTaskOnADaemonThreadOfTheGivenName() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        slots.atDeadline(() -> {
            threads.add(Thread.currentThread());
            ran.countDown();
        }, -5);

        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(threads.getFirst().getName()).isEqualTo("test-deadlines");
        assertThat(threads.getFirst().isDaemon()).isTrue();
    }

    @Test
    void atDeadline_afterCloseIsRefused() {
        slots.close(reply -> { });

        assertThatThrownBy(() -> slots.atDeadline(() -> { }, 0)).isInstanceOf(RejectedExecutionException.class);
    }
}
