package dev.parley.core.pipeline;

import dev.parley.core.conversation.InboundMessage;
import java.util.Optional;

/** Ends a message delivered again within {@link SeenMessages#WINDOW} (same platform, channel and id), so it is answered once. */
final class DuplicateDelivery implements AdmissionCheck {

    private final SeenMessages delivered;

    DuplicateDelivery(SeenMessages delivered) {
        this.delivered = delivered;
    }

    @Override
    public String name() {
        return "duplicate";
    }

    @Override
    public Optional<Outcome> decide(InboundMessage message, ReplySink sink) {
        return delivered.firstDelivery(MessageRef.of(message)) ? PASS : Optional.of(new Outcome.Ignored("duplicate"));
    }
}
