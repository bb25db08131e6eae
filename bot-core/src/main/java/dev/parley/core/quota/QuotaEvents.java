package dev.parley.core.quota;

import dev.parley.core.conversation.InboundMessage;

/** A listener to refusals and charges, for metrics; implementations are thread-safe and do not block. */
public interface QuotaEvents {

    /** The listener that hears nothing. */
    QuotaEvents NONE = new QuotaEvents() {};

    /** {@code message} was refused because {@code budget} was used up. */
    default void refused(InboundMessage message, Budget budget) {}

    /** The answer to {@code message} was charged {@code usage}. */
    default void charged(InboundMessage message, Usage usage) {}
}
