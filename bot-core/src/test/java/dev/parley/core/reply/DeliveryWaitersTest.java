package dev.parley.core.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DeliveryWaitersTest {

    private final DeliveryWaiters waiters = new DeliveryWaiters();

    @Test
    void aSinkAlreadySettled_answersAtOnce() {
        assertThat(waiters.await(true)).isCompleted();
        assertThat(waiters.release(true)).isEmpty();
    }

    @Test
    void waitersAreReleasedOnlyOnceTheSinkSettles_andOnlyOnce() {
        CompletableFuture<Void> first = waiters.await(false);
        CompletableFuture<Void> second = waiters.await(false);

        assertThat(waiters.release(false)).isEmpty();
        assertThat(first).isNotDone();

        assertThat(waiters.release(true)).containsExactly(first, second);
        assertThat(waiters.release(true)).isEmpty();
    }
}
