package dev.parley.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WaitingRequestsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private final WaitingRequests waiting = new WaitingRequests();

    private static QueueEntry entry(String scope, String user, String message, int deadlineSeconds) {
        return new QueueEntry(new RequestKey(scope, user, "conversation-" + user, message), new QueuedRequest() {
            @Override
            public void run() {}

            @Override
            public void abandon() {}
        }, T0, T0.plusSeconds(deadlineSeconds));
    }

    @Test
    void poll_takesTurnsAcrossUsersAndKeepsTheMessageIdUntilItRan() {
        QueueEntry ada1 = entry("s", "ada", "m1", 60);
        QueueEntry ada2 = entry("s", "ada", "m2", 60);
        QueueEntry bob1 = entry("s", "bob", "m3", 60);
        waiting.add(ada1);
        waiting.add(ada2);
        waiting.add(bob1);

        assertThat(waiting.aheadOfNext(bob1.key)).isEqualTo(3);
        assertThat(waiting.poll()).isSameAs(ada1);
        assertThat(waiting.poll()).isSameAs(bob1);
        assertThat(waiting.byMessage("m1")).as("running, still found").isSameAs(ada1);
        assertThat(waiting.find(ada1.request)).as("no longer waiting").isNull();
        waiting.ran(ada1);
        assertThat(waiting.byMessage("m1")).isNull();
        assertThat(waiting.size()).isOne();
    }

    @Test
    void removeOverdue_takesOnlyThosePastTheirDeadlineOldestFirst() {
        QueueEntry early = entry("s", "ada", "m1", 10);
        QueueEntry later = entry("t", "bob", "m2", 20);
        QueueEntry latest = entry("s", "carol", "m3", 30);
        waiting.add(early);
        waiting.add(later);
        waiting.add(latest);

        assertThat(waiting.removeOverdue(T0.plusSeconds(20))).containsExactly(early, later);
        assertThat(waiting.size()).isOne();
        assertThat(waiting.byMessage("m2")).isNull();
        assertThat(waiting.poll()).isSameAs(latest);
    }

    @Test
    void removeAsker_takesOutOnlyThatAuthorsConversation() {
        QueueEntry ada1 = entry("s", "ada", "m1", 60);
        QueueEntry ada2 = entry("s", "ada", "m2", 60);
        QueueEntry bob = entry("s", "bob", "m3", 60);
        waiting.add(ada1);
        waiting.add(ada2);
        waiting.add(bob);

        assertThat(waiting.removeAsker(new RequestKey("s", "ada", "conversation-ada", "any"))).containsExactly(ada1, ada2);
        assertThat(waiting.waitingFor(ada1.key)).isZero();
        assertThat(waiting.byMessage("m2")).isNull();
        assertThat(waiting.find(bob.request)).isSameAs(bob);
    }

    @Test
    void remove_isTrueOnlyForAWaitingRequest_andRemoveAllEmptiesTheLine() {
        QueueEntry ada = entry("s", "ada", "m1", 60);
        QueueEntry bob = entry("s", "bob", "m2", 60);
        waiting.add(ada);
        waiting.add(bob);

        assertThat(waiting.remove(ada)).isTrue();
        assertThat(waiting.remove(ada)).isFalse();
        assertThat(waiting.removeAll()).containsExactly(bob);
        assertThat(waiting.isEmpty()).isTrue();
        assertThat(waiting.byMessage("m2")).isNull();
    }
}
