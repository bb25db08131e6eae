package dev.parley.core.modelswap;

import dev.parley.core.model.ChatModel;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.ModelException;
import dev.parley.core.model.ReplyStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** A model that answers every request with its name, piece by piece, and counts its streams. */
final class ScriptedModel implements ChatModel {

    final String name;
    final AtomicInteger open = new AtomicInteger();
    final List<Runnable> listeners = new ArrayList<>();
    int contextSize = 512;
    boolean failsToGenerate;
    boolean closed;

    ScriptedModel(String name) {
        this.name = name;
    }

    @Override
    public ReplyStream stream(ChatRequest request) {
        if (closed) {
            throw new IllegalStateException(name + " was closed");
        }
        if (failsToGenerate) {
            throw new ModelException("NaN in the logits");
        }
        open.incrementAndGet();
        return new ReplyStream() {
            private final List<String> pieces = new ArrayList<>(List.of(name, "!"));
            private boolean done;

            @Override
            public @Nullable String next() {
                return pieces.isEmpty() ? null : pieces.removeFirst();
            }

            @Override
            public void close() {
                if (!done) {
                    done = true;
                    open.decrementAndGet();
                    listeners.forEach(Runnable::run);
                }
            }
        };
    }

    @Override
    public int countTokens(String text) {
        return text.length();
    }

    @Override
    public int contextSize() {
        return contextSize;
    }

    @Override
    public int parallelSlots() {
        return 2;
    }

    @Override
    public int busySlots() {
        return open.get();
    }

    @Override
    public void whenSlotFrees(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        closed = true;
    }
}
