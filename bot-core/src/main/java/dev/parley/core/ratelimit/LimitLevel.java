package dev.parley.core.ratelimit;

import dev.parley.core.conversation.InboundMessage;
import org.jspecify.annotations.Nullable;

/**
 * One level of rate limiting, as a small rule: whose bucket a message draws from and which of a
 * scope's limits applies. Checked in declaration order, the narrowest first, so that a flooding
 * user is stopped by their own bucket before they drain the channel's or the server's.
 */
public enum LimitLevel {

    /** One author in one scope. */
    USER {
        @Override
        String bucket(InboundMessage message) {
            return scope(message) + ":user:" + message.author().id();
        }

        @Override
        @Nullable RateLimit limit(ScopeLimits limits) {
            return limits.user();
        }
    },
    /** One channel (a Telegram chat is its own channel). */
    CHANNEL {
        @Override
        String bucket(InboundMessage message) {
            return scope(message) + ":channel:" + message.location().channelId();
        }

        @Override
        @Nullable RateLimit limit(ScopeLimits limits) {
            return limits.channel();
        }
    },
    /** A whole server or Telegram chat. */
    SERVER {
        @Override
        String bucket(InboundMessage message) {
            return scope(message) + ":server";
        }

        @Override
        @Nullable RateLimit limit(ScopeLimits limits) {
            return limits.server();
        }
    };

    /** The key of the bucket {@code message} draws from at this level. */
    abstract String bucket(InboundMessage message);

    /** This level's limit among {@code limits}, or null for none. */
    abstract @Nullable RateLimit limit(ScopeLimits limits);

    private static String scope(InboundMessage message) {
        return message.location().platform() + ":" + message.location().scopeId();
    }
}
