package dev.parley.core.pipeline;

import dev.parley.core.access.AccessControl;
import dev.parley.core.command.CommandLine;
import dev.parley.core.command.CommandService;
import dev.parley.core.conversation.InboundMessage;
import java.util.Optional;

/**
 * Refuses an author who may not use the bot here: blocked, muted, or in a scope not served. A
 * command about the author's own data ({@code /export}, {@code /forget me}) is refused only where
 * the scope is not served; {@link AccessControl} decides whether to tell the author.
 */
final class AuthorAccess implements AdmissionCheck {

    private final AccessControl access;

    AuthorAccess(AccessControl access) {
        this.access = access;
    }

    @Override
    public String name() {
        return "access";
    }

    @Override
    public Optional<Outcome> decide(InboundMessage message, ReplySink sink) {
        CommandLine command = CommandLine.parse(message.text());
        boolean ownData = command != null && CommandService.aboutOwnData(command);
        AccessControl.Denial denial = (ownData ? access.checkOwnData(message) : access.check(message, command != null))
                .orElse(null);
        if (denial == null) {
            return PASS;
        }
        if (denial.notice() != null) {
            sink.notice(new Notice(Notice.Kind.ACCESS_DENIED, denial.notice()));
        }
        return Optional.of(new Outcome.AccessDenied(denial.reason()));
    }
}
