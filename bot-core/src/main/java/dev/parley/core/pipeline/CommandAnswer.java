package dev.parley.core.pipeline;

import dev.parley.core.command.CommandLine;
import dev.parley.core.command.CommandService;
import dev.parley.core.conversation.InboundMessage;
import java.util.Optional;

/** Answers a command through the {@link CommandService}; the reply goes to the user as a command reply. */
final class CommandAnswer implements AdmissionCheck {

    private final CommandService commands;

    CommandAnswer(CommandService commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "command";
    }

    @Override
    public Optional<Outcome> decide(InboundMessage message, ReplySink sink) {
        CommandLine command = CommandLine.parse(message.text());
        if (command == null) {
            return PASS;
        }
        String reply = commands.handle(command, message);
        sink.notice(new Notice(Notice.Kind.COMMAND_REPLY, reply));
        return Optional.of(new Outcome.CommandAnswered(reply));
    }
}
