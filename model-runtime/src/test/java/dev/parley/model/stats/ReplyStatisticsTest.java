package dev.parley.model.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReplyStatisticsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final ReplyStatistics stats = new ReplyStatistics(nanos::get, () -> true, () -> 3, 4);

    @Test
    void generationSpeed_isTokensAfterTheFirstOverFirstToLastToken() {
        ReplyStatistics.Reply reply = stats.start();
        nanos.addAndGet(500_000_000); // half a second of prompt processing
        reply.token();
        for (int i = 0; i < 10; i++) {
            nanos.addAndGet(100_000_000);
            reply.token();
        }
        reply.end();

        assertThat(stats.generationTokensPerSecond()).isEqualTo(10.0);
        assertThat(stats.lastTimeToFirstToken()).contains(Duration.ofMillis(500));
        assertThat(stats.tokensGenerated()).isEqualTo(11);
        assertThat(stats.repliesCompleted()).isOne();
    }

    @Test
    void generationSpeed_averagesOnlyTheRecentWindow() {
        replyAt(1_000_000_000L); // one token per second: falls out of the window
        for (int i = 0; i < ReplyStatistics.WINDOW; i++) {
            replyAt(10_000_000L); // 100 tokens per second
        }

        assertThat(stats.generationTokensPerSecond()).isEqualTo(100.0);
    }

    @Test
    void replyWithOneTokenOrNone_countsButDoesNotSkewTheSpeed() {
        ReplyStatistics.Reply empty = stats.start();
        empty.end();
        empty.end();
        ReplyStatistics.Reply single = stats.start();
        single.token();
        single.end();

        assertThat(stats.repliesCompleted()).isEqualTo(2);
        assertThat(stats.tokensGenerated()).isOne();
        assertThat(stats.generationTokensPerSecond()).isZero();
    }

    @Test
    void liveFigures_comeFromTheModel() {
        assertThat(stats.loaded()).isTrue();
        assertThat(stats.busySlots()).isEqualTo(3);
        assertThat(stats.parallelSlots()).isEqualTo(4);
        assertThat(stats.lastTimeToFirstToken()).isEmpty();
        assertThat(stats.toString()).contains("busySlots=3/4");
    }

    private void replyAt(long nanosPerToken) {
        ReplyStatistics.Reply reply = stats.start();
        reply.token();
        nanos.addAndGet(nanosPerToken);
        reply.token();
        reply.end();
    }
}
