package dev.parley.core.reply;

import dev.parley.core.ratelimit.OutboundSend;

/**
 * Where a {@link StreamedReply} queues its platform calls: the adapter's paced line to the one
 * conversation the reply is in (an {@code OutboundDriver} and its target in the application), whose
 * sends run one at a time, in order, as the platform's limits allow.
 */
@FunctionalInterface
public interface OutboundLine {

    /** Queues {@code send} behind the conversation's earlier sends. */
    void enqueue(OutboundSend send);
}
