package dev.parley.model.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The decode thread's busy time counts the gaps between steps, not its waits for work. */
class StepClockTest {

    private long now;
    private long inNative;
    private long calls;
    private long allocated;

    private final StepClock clock = new StepClock(() -> now, () -> inNative, () -> calls, () -> allocated);

    @Test
    void times_countTheGapBetweenStepsAsBusyButNotAWaitForWork() {
        clock.stepStarted();
        now += 1_000; // Java set-up
        inNative += 8_000;
        calls += 3;
        now += 8_000;
        clock.stepEnded(1);
        now += 500; // hand-over and the next step's set-up
        allocated += 64;
        clock.stepStarted();
        inNative += 9_000;
        calls += 3;
        now += 9_500;
        clock.stepEnded(2);
        clock.idle();
        now += 1_000_000; // waiting for a request is not busy time
        allocated += 4_096; // nor what the thread allocates then
        clock.stepStarted();
        inNative += 7_000;
        calls += 3;
        now += 7_000;
        clock.stepEnded(1);

        DecodeThreadTimes times = clock.times();
        assertThat(times.steps()).isEqualTo(3);
        assertThat(times.busyNanos()).isEqualTo(9_000 + 500 + 9_500 + 7_000);
        assertThat(times.nativeNanos()).isEqualTo(24_000);
        assertThat(times.outsideNanos()).isEqualTo(2_000);
        assertThat(times.outsideMicrosPerStep()).isEqualTo(2_000 / 1e3 / 3);
        assertThat(times.nativeCallsPerStep()).isEqualTo(3.0);
        assertThat(times.outsideShare()).isEqualTo(2_000.0 / 26_000);
        assertThat(times.allocatedBytesPerStep()).isEqualTo(64.0 / 3);
        assertThat(times.sequenceRunsPerStep()).isEqualTo(4.0 / 3);
    }

    @Test
    void times_areZeroBeforeTheFirstStep() {
        DecodeThreadTimes times = clock.times();
        assertThat(times.outsideShare()).isZero();
        assertThat(times.outsideMicrosPerStep()).isZero();
        assertThat(times.nativeCallsPerStep()).isZero();
        assertThat(times.sequenceRunsPerStep()).isZero();
    }

    @Test
    void since_isWhatWasAddedBetweenTwoSnapshots() {
        DecodeThreadTimes later = new DecodeThreadTimes(10, 1_000, 900, 30, 800, 12);
        DecodeThreadTimes earlier = new DecodeThreadTimes(4, 400, 380, 12, 200, 5);
        assertThat(later.since(earlier)).isEqualTo(new DecodeThreadTimes(6, 600, 520, 18, 600, 7));
    }
}
