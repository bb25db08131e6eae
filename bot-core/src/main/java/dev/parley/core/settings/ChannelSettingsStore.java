package dev.parley.core.settings;

/**
 * The port to where channel settings are kept; they must survive restarts in production, and
 * every message reads them, so implementations answer {@link #load} from memory.
 */
public interface ChannelSettingsStore {

    /** The channel's settings, or {@link ChannelSettings#DEFAULTS} if it has none. */
    ChannelSettings load(ChannelKey channel);

    /** Replaces the channel's settings; the next {@link #load} sees them. */
    void save(ChannelKey channel, ChannelSettings settings);
}
