package dev.parley.core.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The stages of a reply sink's {@code delivered()} that wait for the sink to settle: everything it
 * was given sent, or refused for good. Not thread-safe on purpose: its owner calls it under its own
 * lock, where "settled" is decided, and completes the released stages outside that lock.
 */
final class DeliveryWaiters {

    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();

    /**
     * A stage for a caller of {@code delivered()}: complete already when the sink is {@code settled},
     * otherwise completed by a later {@link #release}; never, if the process ends first.
     */
    CompletableFuture<Void> await(boolean settled) {
        if (settled) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> stage = new CompletableFuture<>();
        waiting.add(stage);
        return stage;
    }

    /** The stages to complete (outside the owner's lock) now that the sink is {@code settled}; none if it is not. */
    List<CompletableFuture<Void>> release(boolean settled) {
        if (waiting.isEmpty() || !settled) {
            return List.of();
        }
        List<CompletableFuture<Void>> done = List.copyOf(waiting);
        waiting.clear();
        return done;
    }
}
