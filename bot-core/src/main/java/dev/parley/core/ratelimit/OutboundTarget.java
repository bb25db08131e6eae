package dev.parley.core.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the bot sends: one conversation on a platform, whose sends go out in order and count
 * against each of {@code limits}.
 *
 * @param id the conversation, unique across platforms (sends to one id keep their order)
 * @param limits the buckets a send to it draws from
 */
public record OutboundTarget(String id, List<OutboundLimit> limits) {

    public OutboundTarget {
        Objects.requireNonNull(id, "id");
        limits = List.copyOf(limits);
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("a target needs at least one limit");
        }
    }

    /** A Discord channel (or thread). */
    public static OutboundTarget discordChannel(String channelId) {
        return new OutboundTarget("discord:" + channelId, List.of(OutboundLimit.discordChannel(channelId)));
    }

    /** A Telegram chat; a group or supergroup also counts against its per-minute group limit. */
    public static OutboundTarget telegramChat(String chatId, boolean group) {
        List<OutboundLimit> limits = new ArrayList<>(List.of(OutboundLimit.telegramChat(chatId)));
        if (group) {
            limits.add(OutboundLimit.telegramGroup(chatId));
        }
        limits.add(OutboundLimit.telegramOverall());
        return new OutboundTarget("telegram:" + chatId, limits);
    }
}
