package dev.parley.core.ratelimit;

/** One message or edit an adapter sends when the {@link OutboundScheduler} lets it. */
@FunctionalInterface
public interface OutboundSend {

    /** Sends now, blocking until the platform answered, and says how it went. */
    SendResult send();
}
