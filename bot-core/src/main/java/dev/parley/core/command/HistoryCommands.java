package dev.parley.core.command;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.history.ConversationHistory;
import dev.parley.core.settings.ScopeKey;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /bot history [on|off|show]} command: anyone may see whether the scope's conversations
 * are stored across restarts; its admins switch that, and turning it off deletes what was stored.
 */
final class HistoryCommands {

    static final String USAGE = "Usage: /bot history [on|off|show]";
    static final String UNAVAILABLE = "Conversation history is not available here: conversations are kept in memory"
            + " only and forgotten when I restart.";

    private static final Logger LOG = LoggerFactory.getLogger(HistoryCommands.class);

    private final ConversationHistory history;
    private final AdminChanges changes;

    HistoryCommands(ConversationHistory history, AdminChanges changes) {
        this.history = history;
        this.changes = changes;
    }

    String handle(CommandLine command, InboundMessage message) {
        String wanted = command.word(1);
        if (command.words().size() > 2) {
            return USAGE;
        }
        ScopeKey scope = ScopeKey.of(message.location());
        String noun = CommandService.scopeNoun(message);
        try {
            return switch (wanted) {
                case "", "show" -> show(scope, noun);
                case "on", "off" -> message.author().admin()
                        ? (wanted.equals("on") ? turnOn(scope, message, noun) : turnOff(scope, message, noun))
                        : "Only admins of this " + noun + " can turn conversation history on or off.";
                default -> USAGE;
            };
        } catch (RuntimeException e) {
            LOG.warn("conversation history of {} {} could not be read or changed: {}",
                    scope.platform(), scope.scopeId(), e.toString());
            return "The conversation history setting could not be read or changed just now; please try again.";
        }
    }

    private String show(ScopeKey scope, String noun) {
        return history.isOn(scope)
                ? "Conversation history in this " + noun + ": on. Finished exchanges are stored for "
                        + spoken(history.retention()) + " so that conversations continue after a restart; /reset"
                        + " deletes yours."
                : "Conversation history in this " + noun + ": off. Conversations are kept in memory only and"
                        + " forgotten when I restart.";
    }

    private String turnOn(ScopeKey scope, InboundMessage message, String noun) {
        if (!history.turnOn(scope)) {
            return "Conversation history in this " + noun + " was already on.";
        }
        changes.record(message, "bot.history", "on");
        return "Conversation history in this " + noun + " is now on: from now on finished exchanges are stored for "
                + spoken(history.retention()) + " so that conversations continue after a restart. /reset deletes a"
                + " conversation's stored history; /bot history off deletes all of it.";
    }

    private String turnOff(ScopeKey scope, InboundMessage message, String noun) {
        boolean wasOn = history.isOn(scope);
        int deleted = history.turnOff(scope);
        changes.record(message, "bot.history", "off, " + deleted + " stored exchanges deleted");
        return "Conversation history in this " + noun + " is " + (wasOn ? "now" : "already") + " off: "
                + (deleted == 1 ? "1 stored exchange was" : deleted + " stored exchanges were") + " deleted."
                + " Conversations are kept in memory only.";
    }

    /** The retention as people say it: days, hours or minutes. */
    static String spoken(Duration retention) {
        if (retention.toHours() >= 24 && retention.toHours() % 24 == 0) {
            long days = retention.toDays();
            return days == 1 ? "1 day" : days + " days";
        }
        if (retention.toMinutes() >= 60 && retention.toMinutes() % 60 == 0) {
            long hours = retention.toHours();
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        long minutes = Math.max(1, retention.toMinutes());
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
