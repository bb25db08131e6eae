package dev.parley.core.pipeline;

import dev.parley.core.conversation.InboundMessage;
import java.util.Optional;

/** Ignores a message with no text (an image alone, a sticker): there is nothing to answer. */
final class BlankText implements AdmissionCheck {

    @Override
    public String name() {
        return "blank";
    }

    @Override
    public Optional<Outcome> decide(InboundMessage message, ReplySink sink) {
        return message.text().isBlank() ? Optional.of(new Outcome.Ignored("no text")) : PASS;
    }
}
