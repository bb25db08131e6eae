package dev.parley.app.platform;

import dev.parley.app.startup.StartupException;
import dev.parley.core.reply.ReplyCaches;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.discord.caches.*} and {@code parley.telegram.caches.*}: see {@link ReplyCaches}.
 * A message remembered for its reply chain costs about 200 bytes of heap, a question remembered
 * for edits about 1 KB plus its reply's text (measured: docs/operations.md, soak run).
 *
 * @param replyChains messages whose reply chain is remembered (on Telegram, group messages)
 * @param replyChainsIdle how long an untouched chain is remembered
 * @param editedReplies recent questions whose reply an edit rewrites
 * @param editedRepliesFor how long a question's reply stays editable
 */
public record CacheProperties(
        @DefaultValue("50000") long replyChains,
        @DefaultValue("1d") Duration replyChainsIdle,
        @DefaultValue("10000") long editedReplies,
        @DefaultValue("10m") Duration editedRepliesFor) {

    /** An adapter's bounds; {@code prefix} names the properties in the error a bad value gives. */
    ReplyCaches toCaches(String prefix) {
        try {
            return new ReplyCaches(replyChains, replyChainsIdle, editedReplies, editedRepliesFor);
        } catch (IllegalArgumentException e) {
            throw new StartupException("invalid " + prefix + ": " + e.getMessage());
        }
    }
}
