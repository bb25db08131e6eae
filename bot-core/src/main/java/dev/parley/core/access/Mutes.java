package dev.parley.core.access;

import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Mutes users from the bot in a scope until a time: strikes call it, and so may admins' actions
 * (the review queue). Muting does not audit: the caller knows who decided and writes that.
 */
public final class Mutes {

    /** The {@link Mute#by()} of a mute that strikes escalated to. */
    public static final String BY_STRIKES = "strikes";

    private final MuteStore store;
    private final InstantSource clock;

    public Mutes(MuteStore store, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Mutes {@code userId} in {@code scope} from now until {@code until} because of {@code reason},
     * decided by {@code by}; replaces an earlier mute of theirs there. Throws
     * {@link IllegalArgumentException} when {@code until} is not in the future.
     */
    public Mute mute(ScopeKey scope, String userId, Instant until, String reason, String by) {
        Mute mute = new Mute(scope, userId, clock.instant(), until, reason, by);
        store.save(mute);
        return mute;
    }

    /** Lifts the mute of {@code userId} in {@code scope}; whether one was held. */
    public boolean unmute(ScopeKey scope, String userId) {
        Optional<Mute> held = active(scope, userId);
        store.delete(scope, userId);
        return held.isPresent();
    }

    /** The mute of {@code userId} in {@code scope} that holds now, or empty. */
    public Optional<Mute> active(ScopeKey scope, String userId) {
        return store.find(scope, userId).filter(m -> m.activeAt(clock.instant()));
    }

    /** Keeps {@code mute} again as it was: to undo lifting it. */
    void restore(Mute mute) {
        store.save(mute);
    }

    /** The latest mute of {@code userId} in {@code scope}, held or over. */
    Optional<Mute> latest(ScopeKey scope, String userId) {
        return store.find(scope, userId);
    }
}
