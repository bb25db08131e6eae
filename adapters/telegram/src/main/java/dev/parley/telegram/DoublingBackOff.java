package dev.parley.telegram;

import java.time.Duration;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;

/** Waits after failed polls: {@code first}, then twice as long each time, up to {@code max}. */
final class DoublingBackOff implements BackOff {

    private final Duration first;
    private final Duration max;
    private Duration next;

    DoublingBackOff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
        this.next = first;
    }

    @Override
    public synchronized void reset() {
        next = first;
    }

    @Override
    public synchronized long nextBackOffMillis() {
        long millis = next.toMillis();
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
        return millis;
    }
}
