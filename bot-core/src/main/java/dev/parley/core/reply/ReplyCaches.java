package dev.parley.core.reply;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a platform adapter remembers about recent messages, which bounds its heap: each
 * remembered message costs a fixed amount (measured in docs/operations.md, soak run), so the bounds
 * are what an operator trades memory against.
 *
 * @param replyChains messages (the users' and the bot's) whose reply chain is remembered, so a
 *     reply continues the conversation it answers; a reply to a forgotten message starts afresh
 * @param replyChainsIdle how long an untouched chain is remembered
 * @param editedReplies recent questions whose reply an edit of the question rewrites; each holds
 *     its reply's text; an edit of a forgotten question gets a new reply
 * @param editedRepliesFor how long a question's reply stays editable that way
 */
public record ReplyCaches(long replyChains, Duration replyChainsIdle, long editedReplies, Duration editedRepliesFor) {

    /** The bounds the application uses unless {@code parley.<platform>.caches.*} says otherwise. */
    public static final ReplyCaches DEFAULTS = new ReplyCaches(50_000, Duration.ofDays(1), 10_000,
            Duration.ofMinutes(10));

    public ReplyCaches {
        Objects.requireNonNull(replyChainsIdle, "replyChainsIdle");
        Objects.requireNonNull(editedRepliesFor, "editedRepliesFor");
        if (replyChains < 1 || editedReplies < 1) {
            throw new IllegalArgumentException("cache bounds must be at least 1, were reply-chains=" + replyChains
                    + ", edited-replies=" + editedReplies);
        }
        if (!replyChainsIdle.isPositive() || !editedRepliesFor.isPositive()) {
            throw new IllegalArgumentException("cache durations must be positive, were reply-chains-idle="
                    + replyChainsIdle + ", edited-replies-for=" + editedRepliesFor);
        }
    }
}
