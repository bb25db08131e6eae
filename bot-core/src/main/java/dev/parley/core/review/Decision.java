package dev.parley.core.review;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an admin chose for an item, with its arguments.
 *
 * @param allowTerm for a false positive: the term to allow here; null to raise the category's threshold instead
 * @param muteFor for a mute: how long; null for {@link #DEFAULT_MUTE}
 */
public record Decision(ReviewAction action, @Nullable String allowTerm, @Nullable Duration muteFor) {

    /** How long a mute lasts when the admin names no time (the button's "mute 1h"). */
    public static final Duration DEFAULT_MUTE = Duration.ofHours(1);

    public Decision {
        Objects.requireNonNull(action, "action");
        if (muteFor != null && (muteFor.isNegative() || muteFor.isZero())) {
            throw new IllegalArgumentException("a mute lasts a positive time");
        }
    }

    /** {@code action} without arguments: a false positive raises the threshold, a mute lasts an hour. */
    public static Decision of(ReviewAction action) {
        return new Decision(action, null, null);
    }

    /** How long a mute lasts. */
    public Duration mute() {
        return muteFor == null ? DEFAULT_MUTE : muteFor;
    }
}
