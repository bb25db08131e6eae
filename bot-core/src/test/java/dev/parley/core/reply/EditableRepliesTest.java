package dev.parley.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EditableRepliesTest {

    private static final ReplyCaches CACHES = new ReplyCaches(10, Duration.ofDays(1), 10, Duration.ofMinutes(10));

    private final AtomicLong nanos = new AtomicLong();
    private final EditableReplies<String> replies = new EditableReplies<>(CACHES, nanos::get);

    @Test
    void replyTo_findsTheReplyKeptForTheQuestion() {
        replies.keep("q1", "reply to q1");
        replies.keep("q2", "reply to q2");

        assertThat(replies.replyTo("q1")).isEqualTo("reply to q1");
        assertThat(replies.replyTo("q2")).isEqualTo("reply to q2");
        assertThat(replies.replyTo("q3")).isNull();
    }

    @Test
    void keep_replacesTheReplyOfAQuestionAskedAgain() {
        replies.keep("q1", "first reply");
        replies.keep("q1", "second reply");

        assertThat(replies.replyTo("q1")).isEqualTo("second reply");
    }

    @Test
    void replyTo_forgetsAReplyKeptLongerThanTheBound() {
        replies.keep("q1", "reply");
        nanos.addAndGet(Duration.ofMinutes(10).minusNanos(1).toNanos());

        assertThat(replies.replyTo("q1")).as("still editable").isEqualTo("reply");

        nanos.addAndGet(1);

        assertThat(replies.replyTo("q1")).as("an edit now gets a new reply").isNull();
    }

    @Test
    void replyTo_doesNotProlongAReplysTime() {
        replies.keep("q1", "reply");
        nanos.addAndGet(Duration.ofMinutes(9).toNanos());
        replies.replyTo("q1");
        nanos.addAndGet(Duration.ofMinutes(1).toNanos());

        assertThat(replies.replyTo("q1")).isNull();
    }

    @Test
    void keep_refusesAMissingId() {
        assertThatNullPointerException().isThrownBy(() -> replies.keep(null, "reply"))
                .withMessageContaining("questionId");
    }
}
