package dev.parley.model.slots;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replies a model has open, each holding a slot until it is released, with the listeners
 * told when one frees and the timer that ends each reply at its deadline. Thread-safe.
 *
 * <p>A model adds a reply once it has started, the reply releases itself when it is over
 * (complete, failed, cancelled or timed out), and the model closes the whole book once.
 *
 * @param <S> the model's reply stream type
 */
public final class ReplySlots<S> {

    private static final Logger log = LoggerFactory.getLogger(ReplySlots.class);

    private final Set<S> open = ConcurrentHashMap.newKeySet();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService deadlines;

    /** An empty book whose deadline timer runs on a daemon thread named {@code timerThreadName}. */
    public ReplySlots(String timerThreadName) {
        Objects.requireNonNull(timerThreadName, "timerThreadName");
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, timerThreadName);
            // a main that returns must let the JVM exit with a model still open
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.deadlines = timer;
    }

    /** Whether {@link #close} has been called. */
    public boolean isClosed() {
        return closed.get();
    }

    /** The replies added and not yet released. */
    public int busy() {
        return open.size();
    }

    /** Counts {@code reply} as holding a slot until {@link #release} is called with it. */
    public void add(S reply) {
        open.add(Objects.requireNonNull(reply, "reply"));
    }

    /** Runs {@code listener} each time a reply is released. */
    public void whenSlotFrees(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Lets go of {@code reply}'s slot and tells the listeners; a reply released twice (or never
     * added) tells nobody.
     */
    public void release(S reply) {
        if (open.remove(reply)) {
            for (Runnable listener : listeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    log.warn("a slot listener failed", e);
                }
            }
        }
    }

    /** Runs {@code timeOut} once {@code nanos} have passed (at once if not positive). */
    public ScheduledFuture<?> atDeadline(Runnable timeOut, long nanos) {
        return deadlines.schedule(timeOut, Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /**
     * Marks the book closed, ends every open reply with {@code end} and stops the timer.
     *
     * @return false if it was closed already (and nothing was done)
     */
    public boolean close(Consumer<? super S> end) {
        if (closed.getAndSet(true)) {
            return false;
        }
        open.forEach(end);
        deadlines.shutdownNow();
        return true;
    }
}
