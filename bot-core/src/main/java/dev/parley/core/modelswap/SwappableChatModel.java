package dev.parley.core.modelswap;

import dev.parley.core.model.ChatModel;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.ReplyStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatModel} that hands each new reply to the model serving now, and that can be pointed
 * at another model while replies run. A reply stays on the model it started on until its stream
 * is closed; a replaced model is closed (its memory returned) when the last of its replies is,
 * at once if none runs. Requests that wait in a queue have not started: they go to the new model.
 *
 * <p>{@link #busySlots()} counts the replies of the replaced models too, so that a queue does not
 * start more replies at once than {@link #parallelSlots()} while an old model finishes its own.
 */
public final class SwappableChatModel implements ChatModel {

    private static final Logger LOG = LoggerFactory.getLogger(SwappableChatModel.class);

    private final Object lock = new Object();
    private final List<Runnable> slotListeners = new CopyOnWriteArrayList<>();
    private Resident serving; // guarded by lock
    private final List<Resident> retiring = new ArrayList<>(); // guarded by lock
    private boolean closed; // guarded by lock

    /** Serves {@code initial} until {@link #switchTo}; takes over closing it. */
    public SwappableChatModel(ChatModel initial) {
        this.serving = adopt(Objects.requireNonNull(initial, "initial"));
    }

    /** The model new replies go to now. */
    public ChatModel serving() {
        synchronized (lock) {
            return serving.model;
        }
    }

    /**
     * Makes {@code next} the model new replies go to. The model serving until now finishes the
     * replies it has started and is closed when the last one's stream is closed.
     *
     * @throws IllegalStateException if this model was closed; {@code next} is closed then
     */
    public void switchTo(ChatModel next) {
        Resident fresh = adopt(Objects.requireNonNull(next, "next"));
        Resident idle = null;
        synchronized (lock) {
            if (closed) {
                next.close();
                throw new IllegalStateException("the model was closed");
            }
            Resident old = serving;
            serving = fresh;
            old.retired = true;
            if (old.leases == 0) {
                idle = old;
            } else {
                retiring.add(old);
            }
        }
        if (idle != null) {
            idle.model.close();
        }
        // the new model may take waiting work at once
        slotFreed();
    }

    /** How many models are still open because replies run on them after they were replaced. */
    public int retiringModels() {
        synchronized (lock) {
            return retiring.size();
        }
    }

    @Override
    public ReplyStream stream(ChatRequest request) {
        Resident on;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the model was closed");
            }
            on = serving;
            on.leases++;
        }
        try {
            return new LeasedStream(on.model.stream(request), on);
        } catch (RuntimeException e) {
            release(on);
            throw e;
        }
    }

    @Override
    public int countTokens(String text) {
        return serving().countTokens(text);
    }

    @Override
    public int contextSize() {
        return serving().contextSize();
    }

    @Override
    public int parallelSlots() {
        return serving().parallelSlots();
    }

    @Override
    public int busySlots() {
        List<ChatModel> open = new ArrayList<>();
        synchronized (lock) {
            open.add(serving.model);
            retiring.forEach(resident -> open.add(resident.model));
        }
        return open.stream().mapToInt(ChatModel::busySlots).sum();
    }

    @Override
    public void whenSlotFrees(Runnable listener) {
        slotListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Closes the serving model and every replaced one still finishing replies. Idempotent. */
    @Override
    public void close() {
        List<ChatModel> open = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            open.add(serving.model);
            retiring.forEach(resident -> open.add(resident.model));
            retiring.clear();
        }
        open.forEach(ChatModel::close);
    }

    private Resident adopt(ChatModel model) {
        model.whenSlotFrees(this::slotFreed);
        return new Resident(model);
    }

    private void slotFreed() {
        for (Runnable listener : slotListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("a slot listener failed: {}", e.toString());
            }
        }
    }

    private void release(Resident resident) {
        boolean last;
        synchronized (lock) {
            resident.leases--;
            last = resident.retired && resident.leases == 0 && retiring.remove(resident);
        }
        if (last) {
            resident.model.close();
        }
    }

    /** One model and the replies running on it. */
    private static final class Resident {
        final ChatModel model;
        int leases; // guarded by the outer lock
        boolean retired; // guarded by the outer lock

        Resident(ChatModel model) {
            this.model = model;
        }
    }

    /** A reply that holds its model open until it is closed. */
    private final class LeasedStream implements ReplyStream {
        private final ReplyStream stream;
        private final Resident on;
        private final AtomicBoolean released = new AtomicBoolean();

        LeasedStream(ReplyStream stream, Resident on) {
            this.stream = stream;
            this.on = on;
        }

        @Override
        public @Nullable String next() {
            return stream.next();
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                try {
                    stream.close();
                } finally {
                    release(on);
                }
            }
        }
    }
}
