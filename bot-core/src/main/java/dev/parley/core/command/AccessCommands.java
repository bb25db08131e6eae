package dev.parley.core.command;

import dev.parley.core.access.AccessControl;
import dev.parley.core.access.AccessEntry;
import dev.parley.core.access.AccessKind;
import dev.parley.core.access.AccessMode;
import dev.parley.core.access.DurationWords;
import dev.parley.core.access.Mute;
import dev.parley.core.access.StrikePolicy;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.settings.ScopeKey;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The admins' {@code /bot block|allow|unblock|blocked|mute|unmute} commands: who may not use the
 * bot in this scope. Every change is audited.
 */
final class AccessCommands {

    static final String USAGE = "Usage: /bot block <user|role|channel> <id-or-mention> [reason]"
            + " | /bot allow <user|role|channel> <id-or-mention> [reason] | /bot unblock <user|role|channel> <id-or-mention>"
            + " | /bot blocked | /bot mute <user-id> <duration like 30m, 2h, 1d> [reason] | /bot unmute <user-id>";
    static final int MAX_REASON = 200;

    private final AccessControl access;
    private final AdminChanges changes;

    AccessCommands(AccessControl access, AdminChanges changes) {
        this.access = access;
        this.changes = changes;
    }

    /** Runs {@code /bot <word(0)> ...}, for admins only. */
    String handle(CommandLine command, InboundMessage message) {
        if (!message.author().admin()) {
            return "Only admins of this " + CommandService.scopeNoun(message) + " can see or change who may use the bot.";
        }
        ScopeKey scope = ScopeKey.of(message.location());
        return switch (command.word(0)) {
            case "block" -> put(command, message, scope, AccessMode.BLOCK);
            case "allow" -> put(command, message, scope, AccessMode.ALLOW);
            case "unblock" -> unblock(command, message, scope);
            case "blocked" -> list(scope);
            case "mute" -> mute(command, message, scope);
            case "unmute" -> unmute(command, message, scope);
            default -> USAGE;
        };
    }

    private String put(CommandLine command, InboundMessage message, ScopeKey scope, AccessMode mode) {
        AccessKind kind = AccessKind.fromTyped(command.word(1)).orElse(null);
        String id = command.words().size() > 2 ? AccessTarget.id(command.words().get(2)).orElse(null) : null;
        if (kind == null || id == null) {
            return "Usage: /bot " + mode.typed() + " <user|role|channel> <id-or-mention> [reason]";
        }
        if (mode == AccessMode.BLOCK && kind == AccessKind.USER && id.equals(message.author().id())) {
            return "You cannot block yourself.";
        }
        String reason = command.restAfter(3);
        if (reason.length() > MAX_REASON) {
            return "Give a reason of at most " + MAX_REASON + " characters.";
        }
        access.lists().put(scope, new AccessEntry(kind, id, mode, reason, message.author().id(),
                changes.clock().instant()));
        forgetNotices(scope, kind, id);
        changes.record(message, "access." + mode.typed(), kind.typed() + " " + id + (reason.isEmpty() ? "" : " reason=" + reason));
        return mode == AccessMode.BLOCK
                ? "Blocked " + kind.typed() + " " + id + " from using the bot here" + (kind == AccessKind.USER ? "" : " (admins' commands still work)") + "."
                : "Allowed " + kind.typed() + " " + id + " to use the bot here, whatever blocks a broader group.";
    }

    private String unblock(CommandLine command, InboundMessage message, ScopeKey scope) {
        AccessKind kind = AccessKind.fromTyped(command.word(1)).orElse(null);
        String id = command.words().size() > 2 ? AccessTarget.id(command.words().get(2)).orElse(null) : null;
        if (kind == null || id == null) {
            return "Usage: /bot unblock <user|role|channel> <id-or-mention>";
        }
        if (!access.lists().remove(scope, kind, id)) {
            return "There is no entry for " + kind.typed() + " " + id + " here. /bot blocked lists them.";
        }
        forgetNotices(scope, kind, id);
        changes.record(message, "access.unblock", kind.typed() + " " + id);
        return "Removed " + kind.typed() + " " + id + " from the access list here.";
    }

    private String list(ScopeKey scope) {
        List<AccessEntry> entries = access.lists().entries(scope);
        if (entries.isEmpty()) {
            return "Nobody is blocked or specially allowed here.";
        }
        return "Access list here:\n" + entries.stream()
                .map(e -> "  " + e.mode().typed() + " " + e.kind().typed() + " " + e.targetId()
                        + (e.reason().isEmpty() ? "" : " (" + e.reason() + ")") + ", by " + e.by() + " at "
                        + AccessControl.until(e.at()))
                .collect(Collectors.joining("\n"));
    }

    private String mute(CommandLine command, InboundMessage message, ScopeKey scope) {
        String id = AccessTarget.id(command.words().size() > 1 ? command.words().get(1) : "").orElse(null);
        Duration duration = DurationWords.parse(command.word(2)).orElse(null);
        if (id == null || duration == null || duration.compareTo(StrikePolicy.MAX_DURATION) > 0) {
            return "Usage: /bot mute <user-id> <duration: 30m, 2h, 1d; at most 365d> [reason]";
        }
        if (id.equals(message.author().id())) {
            return "You cannot mute yourself.";
        }
        String reason = command.restAfter(3);
        if (reason.length() > MAX_REASON) {
            return "Give a reason of at most " + MAX_REASON + " characters.";
        }
        Mute mute = access.mutes().mute(scope, id, changes.clock().instant().plus(duration),
                reason.isEmpty() ? "muted by an admin" : reason, message.author().id());
        access.changed(scope, id);
        changes.record(message, "access.mute", "user " + id + " until=" + mute.until() + (reason.isEmpty() ? "" : " reason=" + reason));
        return "Muted user " + id + " from the bot here until " + AccessControl.until(mute.until()) + ".";
    }

    private String unmute(CommandLine command, InboundMessage message, ScopeKey scope) {
        String id = AccessTarget.id(command.words().size() > 1 ? command.words().get(1) : "").orElse(null);
        if (id == null) {
            return "Usage: /bot unmute <user-id>";
        }
        if (!access.mutes().unmute(scope, id)) {
            return "User " + id + " is not muted here.";
        }
        access.changed(scope, id);
        changes.record(message, "access.unmute", "user " + id);
        return "User " + id + " may use the bot here again.";
    }

    private void forgetNotices(ScopeKey scope, AccessKind kind, String id) {
        if (kind == AccessKind.USER) {
            access.changed(scope, id);
        }
    }
}
