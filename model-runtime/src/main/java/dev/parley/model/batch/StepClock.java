package dev.parley.model.batch;

import dev.parley.model.llamacpp.BatchDecoder;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Adds up the decode thread's busy time and, of it, the time inside the native decode and sample
 * calls ({@link DecodeThreadTimes}). A busy stretch runs from a step's start to the end of the
 * last step before the thread waits for work, so the set-up between two steps counts as well.
 * Also the bytes the thread allocates while busy, and the sequence runs of its batches. Written by the decode thread only, read from any thread.
 */
final class StepClock {

    private final LongSupplier nanos;
    private final LongSupplier nativeNanos; // the decoder's running total inside native calls
    private final LongSupplier nativeCalls;
    private final LongSupplier allocated; // bytes the decode thread allocated so far
    private long lastEnd = -1; // decode thread only; -1: the thread waited since
    private long stepStart;
    private long nativeAtStart;
    private long allocatedAtMark;
    // guarded by this, so that a reader sees the three together
    private long steps;
    private long busyNanos;
    private long nativeTotal;
    private long allocatedBytes;
    private long sequenceRuns;

    StepClock(LongSupplier nanos, LongSupplier nativeNanos, LongSupplier nativeCalls, LongSupplier allocated) {
        this.allocated = allocated;
        this.nanos = nanos;
        this.nativeNanos = nativeNanos;
        this.nativeCalls = nativeCalls;
    }

    /** A clock of the thread that drives {@code decoder}, on the system's nanosecond clock. */
    static StepClock of(BatchDecoder decoder) {
        return new StepClock(System::nanoTime, decoder::nativeNanos, decoder::nativeCalls, allocatedBytes());
    }

    /** The calling thread's allocated bytes so far, where the JVM counts them. */
    private static LongSupplier allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            return threads::getCurrentThreadAllocatedBytes;
        }
        return () -> 0;
    }

    /** The decode thread waits for work: the time until the next step is not busy time. */
    void idle() {
        lastEnd = -1;
    }

    void stepStarted() {
        long now = nanos.getAsLong();
        long bytes = allocated.getAsLong();
        if (lastEnd >= 0) {
            synchronized (this) {
                busyNanos += now - lastEnd;
                allocatedBytes += bytes - allocatedAtMark;
            }
        }
        allocatedAtMark = bytes;
        stepStart = now;
        nativeAtStart = nativeNanos.getAsLong();
    }

    /** The step ended; its batch held {@code runs} runs of consecutive sequence ids. */
    void stepEnded(int runs) {
        long now = nanos.getAsLong();
        long inNative = nativeNanos.getAsLong() - nativeAtStart;
        long bytes = allocated.getAsLong();
        synchronized (this) {
            steps++;
            sequenceRuns += runs;
            allocatedBytes += bytes - allocatedAtMark;
            busyNanos += now - stepStart;
            nativeTotal += inNative;
        }
        allocatedAtMark = bytes;
        lastEnd = now;
    }

    DecodeThreadTimes times() {
        long calls = nativeCalls.getAsLong();
        synchronized (this) {
            return new DecodeThreadTimes(steps, busyNanos, nativeTotal, calls, allocatedBytes, sequenceRuns);
        }
    }
}
