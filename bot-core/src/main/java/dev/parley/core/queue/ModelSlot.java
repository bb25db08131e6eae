package dev.parley.core.queue;

/**
 * A running request's line back to the {@link InferenceQueue}: the request says when its model
 * stream is open, from when on the model's own {@link dev.parley.core.model.ChatModel#busySlots()
 * busy count} holds it, so the queue stops counting it separately and counts every slot once.
 */
public interface ModelSlot {

    /** The request's model stream is open (the model counts it now). Idempotent. */
    void streamOpened();
}
