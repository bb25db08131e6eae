package dev.parley.core.persona;

import dev.parley.core.settings.ScopeKey;
import java.util.Optional;

/** The port to where admins' persona choices per channel are kept; they survive restarts in production. */
public interface PersonaChoices {

    /** The persona picked for a channel of a scope, if any. */
    Optional<String> chosenFor(ScopeKey scope, String channelId);

    /** Picks {@code persona} for a channel. */
    void choose(ScopeKey scope, String channelId, String persona);

    /**
     * Drops every choice of {@code persona} in the scope, so its channels get the default again;
     * how many channels had chosen it.
     */
    int release(ScopeKey scope, String persona);
}
