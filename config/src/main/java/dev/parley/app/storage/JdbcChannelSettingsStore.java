package dev.parley.app.storage;

import dev.parley.core.settings.ChannelKey;
import dev.parley.core.settings.ChannelSettings;
import dev.parley.core.settings.ChannelSettingsStore;
import dev.parley.core.settings.ReplyMode;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Channel settings in the channel_setting table, one row per value (the reply mode, and the
 * channel's own moderation in {@link ScopeSettingsRows}' names), cached because every message
 * reads them; a save refreshes the cache of its channel. Unknown names (written by a newer
 * version) are skipped.
 */
public final class JdbcChannelSettingsStore implements ChannelSettingsStore {

    static final String REPLY_MODE = "reply-mode";

    private final ScopeRows scopes;
    private final CachedRows<ChannelKey, ChannelSettings> channels;

    public JdbcChannelSettingsStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.scopes = new ScopeRows(jdbc);
        this.channels = new CachedRows<>(transactions, this::read);
    }

    @Override
    public ChannelSettings load(ChannelKey channel) {
        return channels.get(channel);
    }

    @Override
    public void save(ChannelKey channel, ChannelSettings settings) {
        channels.save(channel, settings, () -> {
            scopes.bound("""
                            DELETE FROM channel_setting
                            WHERE platform = :platform AND scope_id = :scope AND channel_id = :channel""", channel.scope())
                    .param("channel", channel.channelId())
                    .update();
            for (ScopeSettingsRows.Row row : toRows(settings)) {
                scopes.bound("""
                                INSERT INTO channel_setting (platform, scope_id, channel_id, name, val)
                                VALUES (:platform, :scope, :channel, :name, :val)""", channel.scope())
                        .param("channel", channel.channelId())
                        .param("name", row.name())
                        .param("val", row.value())
                        .update();
            }
        });
    }

    private ChannelSettings read(ChannelKey channel) {
        var rows = scopes.bound("""
                        SELECT name, val FROM channel_setting
                        WHERE platform = :platform AND scope_id = :scope AND channel_id = :channel
                        ORDER BY id""", channel.scope())
                .param("channel", channel.channelId())
                .query((rs, n) -> new ScopeSettingsRows.Row(rs.getString("name"), rs.getString("val")))
                .list();
        return fromRows(rows);
    }

    static List<ScopeSettingsRows.Row> toRows(ChannelSettings settings) {
        List<ScopeSettingsRows.Row> rows = new ArrayList<>();
        if (settings.replyMode() != ChannelSettings.DEFAULTS.replyMode()) {
            rows.add(new ScopeSettingsRows.Row(REPLY_MODE, settings.replyMode().name()));
        }
        rows.addAll(ScopeSettingsRows.toRows(settings.moderation()));
        return rows;
    }

    static ChannelSettings fromRows(List<ScopeSettingsRows.Row> rows) {
        ChannelSettings settings = ChannelSettings.DEFAULTS;
        for (ScopeSettingsRows.Row row : rows) {
            if (row.name().equals(REPLY_MODE)) {
                for (ReplyMode mode : ReplyMode.values()) { // a mode unknown to this version is skipped
                    if (mode.name().equals(row.value())) {
                        settings = settings.withReplyMode(mode);
                    }
                }
            }
        }
        // the moderation rows have the names of a scope's; ScopeSettingsRows skips the reply mode
        return settings.withModeration(ScopeSettingsRows.fromRows(rows));
    }
}
