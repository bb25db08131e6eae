package dev.parley.core.access;

import java.time.Duration;
import java.util.Objects;

/**
 * When strikes mute: {@code strikes} blocked prompts within {@code window} mute the author from
 * the bot for {@code muteFor}. Zero strikes turns escalation off (strikes are still counted).
 */
public record StrikePolicy(int strikes, Duration window, Duration muteFor) {

    /** The most strikes a policy may ask for, and the longest window and mute. */
    public static final int MAX_STRIKES = 100;
    public static final Duration MAX_DURATION = Duration.ofDays(365);

    /** Three blocked prompts within 24 hours mute for one hour. */
    public static final StrikePolicy DEFAULT = new StrikePolicy(3, Duration.ofHours(24), Duration.ofHours(1));

    public StrikePolicy {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(muteFor, "muteFor");
        if (strikes < 0 || strikes > MAX_STRIKES) {
            throw new IllegalArgumentException("strikes must be from 0 to " + MAX_STRIKES + ", not " + strikes);
        }
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_DURATION) > 0
                || muteFor.isNegative() || muteFor.isZero() || muteFor.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("the window and the mute must be from 1 s to 365 d");
        }
    }

    /** Whether strikes mute at all. */
    public boolean escalates() {
        return strikes > 0;
    }

    /** The policy in words, as {@code /strikes policy} shows it. */
    public String describe() {
        return escalates()
                ? strikes + " blocked " + (strikes == 1 ? "message" : "messages") + " within " + DurationWords.format(window)
                        + " mute for " + DurationWords.format(muteFor)
                : "strikes are counted but never mute";
    }
}
