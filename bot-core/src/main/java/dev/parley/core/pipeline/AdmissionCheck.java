package dev.parley.core.pipeline;

import dev.parley.core.conversation.InboundMessage;
import java.util.Optional;

/**
 * One named check of {@link Admission}: it lets a message go on to the next check, or ends it here
 * with an {@link Outcome}, having told the user through the sink whatever they need to know.
 */
interface AdmissionCheck {

    /** What a check returns to let the message go on. */
    Optional<Outcome> PASS = Optional.empty();

    /** A short stable name, as docs/architecture.md lists the checks. */
    String name();

    /** The outcome that ends {@code message} here, or {@link #PASS}. */
    Optional<Outcome> decide(InboundMessage message, ReplySink sink);
}
