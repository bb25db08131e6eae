package dev.parley.core.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * A platform's limit on what the bot sends: at most {@code sends} messages or edits to the bucket
 * named {@code key} within any {@code per} (a sliding window, as platforms count).
 *
 * @param key the bucket, e.g. {@code discord:channel:123} or {@code telegram:global}
 */
public record OutboundLimit(String key, int sends, Duration per) {

    public OutboundLimit {
        Objects.requireNonNull(key, "key");
        if (sends < 1) {
            throw new IllegalArgumentException("sends must be at least 1, was " + sends);
        }
        if (per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("per must be positive, was " + per);
        }
    }

    /** Discord: about 5 messages or edits per 5 s in one channel. */
    public static OutboundLimit discordChannel(String channelId) {
        return new OutboundLimit("discord:channel:" + channelId, 5, Duration.ofSeconds(5));
    }

    /** Telegram: about 1 message per second in one chat. */
    public static OutboundLimit telegramChat(String chatId) {
        return new OutboundLimit("telegram:chat:" + chatId, 1, Duration.ofSeconds(1));
    }

    /** Telegram: about 20 messages per minute in one group. */
    static OutboundLimit telegramGroup(String chatId) {
        return new OutboundLimit("telegram:group:" + chatId, 20, Duration.ofMinutes(1));
    }

    /** Telegram: about 30 messages per second from the bot overall. */
    public static OutboundLimit telegramOverall() {
        return new OutboundLimit("telegram:global", 30, Duration.ofSeconds(1));
    }
}
