package dev.parley.core.reply;

import dev.parley.core.ratelimit.SendResult;

/**
 * The messages of one reply on its platform: the port a {@link StreamedReply} drives and each
 * platform adapter implements with its own API. Every call runs on the adapter's outbound thread,
 * blocks until the platform answered and says how it went in the scheduler's terms: a 429 (or a
 * timeout worth waiting out) is a {@link SendResult.RetryAfter}, a refusal a
 * {@link SendResult.Failed}. The adapter keeps the translation of its platform's errors here, for
 * example an edit that changed nothing counts as sent.
 */
public interface ReplyMessages {

    /**
     * Posts one part of the reply.
     *
     * @param answersUser whether it is the reply's first message, posted as an answer to the user's
     */
    PostResult post(String text, boolean answersUser);

    /** Replaces the text of the message {@code id}, one the reply posted. */
    SendResult edit(String id, String text);

    /** Deletes the message {@code id}, one the reply posted; one already gone counts as deleted. */
    SendResult delete(String id);

    /** Posts one part of a notice, a message of its own answering the user's. */
    SendResult notice(String text);
}
