package dev.parley.testkit.discord;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.hooks.EventListener;

/** Keeps every JDA event and lets a test wait for one of a type. */
final class RecordingListener implements EventListener {

    private final List<GenericEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void onEvent(GenericEvent event) {
        events.add(event);
        notifyAll();
    }

    <T extends GenericEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends GenericEvent> T await(Class<T> type, Predicate<T> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (T event : all(type)) {
                    if (condition.test(event)) {
                        return event;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching " + type.getSimpleName() + " within " + timeout
                            + "; events seen: " + events.stream().map(e -> e.getClass().getSimpleName()).toList());
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }
}
