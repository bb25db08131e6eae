package dev.parley.core.queue;

/**
 * What withdrawing requests found.
 *
 * @param waiting requests removed before they ran; their slot was never used
 * @param running requests told to {@linkplain QueuedRequest#stop() stop} while running
 */
public record Withdrawal(int waiting, int running) {

    /** Whether nothing was found to withdraw. */
    public boolean none() {
        return waiting == 0 && running == 0;
    }
}
