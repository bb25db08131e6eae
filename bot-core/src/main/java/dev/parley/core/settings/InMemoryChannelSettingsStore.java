package dev.parley.core.settings;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Channel settings kept in memory only: for tests, and lost on restart. */
public final class InMemoryChannelSettingsStore implements ChannelSettingsStore {

    private final Map<ChannelKey, ChannelSettings> settings = new ConcurrentHashMap<>();

    @Override
    public ChannelSettings load(ChannelKey channel) {
        return settings.getOrDefault(channel, ChannelSettings.DEFAULTS);
    }

    @Override
    public void save(ChannelKey channel, ChannelSettings value) {
        settings.put(channel, value);
    }
}
