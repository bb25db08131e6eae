package dev.parley.core.pipeline;

import dev.parley.core.conversation.InboundMessage;
import java.util.Optional;

/** Ignores what other bots write, so two bots never talk to each other without end. */
final class BotAuthor implements AdmissionCheck {

    @Override
    public String name() {
        return "bot-author";
    }

    @Override
    public Optional<Outcome> decide(InboundMessage message, ReplySink sink) {
        return message.author().bot() ? Optional.of(new Outcome.Ignored("author is a bot")) : PASS;
    }
}
