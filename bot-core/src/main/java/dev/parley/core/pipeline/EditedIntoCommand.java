package dev.parley.core.pipeline;

import dev.parley.core.command.CommandLine;
import dev.parley.core.conversation.InboundMessage;
import java.util.Optional;

/**
 * Ignores an edit that turned a question into a command: an edit never runs one, since the
 * author could not see when it would take effect. Only edits meet this check.
 */
final class EditedIntoCommand implements AdmissionCheck {

    @Override
    public String name() {
        return "edited-command";
    }

    @Override
    public Optional<Outcome> decide(InboundMessage edited, ReplySink sink) {
        return CommandLine.parse(edited.text()) != null ? Optional.of(new Outcome.Ignored("edited into a command"))
                : PASS;
    }
}
