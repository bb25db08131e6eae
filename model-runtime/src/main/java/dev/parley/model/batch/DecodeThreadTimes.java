package dev.parley.model.batch;

/**
 * Where a {@link BatchScheduler}'s decode thread spent its busy time (from the start of a step to
 * the end of the last one before it waited for work): inside the native calls that decode a batch
 * and sample its tokens, or outside them, in Java (batch set-up, checks, locks, hand-over to the
 * readers) and in native calls the reference loop does not make. Issue #16's measure of the Java
 * side's share.
 *
 * @param steps steps the decode thread took (one decode each, when it had tokens to decode)
 * @param busyNanos the decode thread's busy time
 * @param nativeNanos of it, inside the native decode and sample calls
 * @param nativeCalls calls into native code the decoding and sampling made (the decode, sample and
 *     end-of-generation checks of every step)
 * @param allocatedBytes bytes of Java heap the decode thread allocated while busy (0 where the
 *     JVM does not count them)
 * @param sequenceRuns runs of consecutive sequence ids in the steps' batches: the passes over the
 *     model llama.cpp makes for them, one a step at best (more when the busy sequences have gaps)
 */
public record DecodeThreadTimes(long steps, long busyNanos, long nativeNanos, long nativeCalls, long allocatedBytes,
        long sequenceRuns) {

    /** What was added since {@code earlier}, a snapshot of the same scheduler. */
    public DecodeThreadTimes since(DecodeThreadTimes earlier) {
        return new DecodeThreadTimes(steps - earlier.steps, busyNanos - earlier.busyNanos, nativeNanos - earlier.nativeNanos,
                nativeCalls - earlier.nativeCalls, allocatedBytes - earlier.allocatedBytes, sequenceRuns - earlier.sequenceRuns);
    }

    /** The busy time outside the native decode and sample calls. */
    public long outsideNanos() {
        return busyNanos - nativeNanos;
    }

    /** {@link #outsideNanos()} as a share of the busy time, 0 before the first step. */
    public double outsideShare() {
        return busyNanos == 0 ? 0 : (double) outsideNanos() / busyNanos;
    }

    /** Mean native calls a step. */
    public double nativeCallsPerStep() {
        return steps == 0 ? 0 : (double) nativeCalls / steps;
    }

    /** Mean passes over the model a step ({@link #sequenceRuns()}), 1 when every batch's sequences follow each other. */
    public double sequenceRunsPerStep() {
        return steps == 0 ? 0 : (double) sequenceRuns / steps;
    }

    /** Mean bytes the decode thread allocated a step. */
    public double allocatedBytesPerStep() {
        return steps == 0 ? 0 : (double) allocatedBytes / steps;
    }

    /** Mean microseconds a step spends outside the native decode and sample calls. */
    public double outsideMicrosPerStep() {
        return steps == 0 ? 0 : outsideNanos() / 1e3 / steps;
    }
}
