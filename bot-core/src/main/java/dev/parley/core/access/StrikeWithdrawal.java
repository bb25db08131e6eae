package dev.parley.core.access;

import dev.parley.core.settings.ScopeKey;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A strike to take back because an admin found its block wrong, and the mute it caused, if
 * without it the author would not have reached the policy's threshold.
 *
 * @param liftedMute the strikes' mute that holds now and ends with the withdrawal, or null
 */
public record StrikeWithdrawal(ScopeKey scope, Strike strike, @Nullable Mute liftedMute) {

    public StrikeWithdrawal {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(strike, "strike");
        if (strike.messageId() == null) {
            throw new IllegalArgumentException("only a strike that names its message can be withdrawn");
        }
    }

    /** Whether the withdrawal lifts a mute. */
    public boolean liftsMute() {
        return liftedMute != null;
    }
}
