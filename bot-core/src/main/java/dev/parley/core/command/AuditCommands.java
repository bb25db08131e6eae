package dev.parley.core.command;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.settings.ScopeKey;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code /audit recent [count]} command of a scope's admins: the scope's latest audit entries,
 * newest first, one line each, and never another scope's. Callers check that the author is an admin.
 */
final class AuditCommands {

    static final int DEFAULT_COUNT = 10;
    static final int MAX_COUNT = 25;
    /** Longer details are cut so that a full page of entries stays one readable message. */
    static final int MAX_DETAIL = 160;
    static final String USAGE = "Usage: /audit recent [count 1-" + MAX_COUNT + "]";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final AuditLog audit;

    AuditCommands(AuditLog audit) {
        this.audit = audit;
    }

    String handle(CommandLine command, InboundMessage message) {
        if (!command.word(0).equals("recent") || command.words().size() > 2) {
            return USAGE;
        }
        int count = DEFAULT_COUNT;
        if (!command.word(1).isEmpty()) {
            try {
                count = Integer.parseInt(command.word(1));
            } catch (NumberFormatException e) {
                return USAGE;
            }
            if (count < 1) {
                return USAGE;
            }
        }
        boolean capped = count > MAX_COUNT;
        List<AuditEntry> entries = audit.recent(ScopeKey.of(message.location()), Math.min(count, MAX_COUNT));
        if (entries.isEmpty()) {
            return "The audit log has no entries here yet.";
        }
        String lines = entries.stream().map(AuditCommands::line).collect(Collectors.joining("\n"));
        return "Latest " + entries.size() + " audit " + (entries.size() == 1 ? "entry" : "entries")
                + " here, newest first" + (capped ? " (at most " + MAX_COUNT + " at a time)" : "") + ":\n" + lines;
    }

    private static String line(AuditEntry entry) {
        String detail = entry.detail().strip().replaceAll("\\s+", " ");
        detail = Characters.shortened(detail, MAX_DETAIL);
        return TIME.format(entry.at()) + " UTC " + entry.actorId() + " " + entry.action()
                + (detail.isEmpty() ? "" : " " + detail);
    }
}
