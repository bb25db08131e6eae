package dev.parley.core.command;

import static dev.parley.core.command.ModerationRuleCommands.list;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.moderation.ExcerptMode;
import dev.parley.core.moderation.FailureMode;
import dev.parley.core.moderation.RedactedExcerpt;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeSettings;
import dev.parley.core.settings.SettingsStore;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The {@code /moderation} commands that decide how a whole scope is moderated and audited: the
 * failure mode, exempt roles, the audit channel and what of a blocked text is audited. Callers
 * check that the author is an admin.
 */
final class ModerationScopeCommands {

    static final int MAX_ROLE_LENGTH = 100;
    static final int MAX_CHANNEL_ID_LENGTH = 64;

    private final SettingsStore settings;
    private final ModerationPolicies policies;
    private final AdminChanges changes;

    ModerationScopeCommands(SettingsStore settings, ModerationPolicies policies, AdminChanges changes) {
        this.settings = settings;
        this.policies = policies;
        this.changes = changes;
    }

    String failure(CommandLine command, InboundMessage message, ScopeKey scope) {
        FailureMode mode = switch (command.word(1)) {
            case "open" -> FailureMode.FAIL_OPEN;
            case "closed" -> FailureMode.FAIL_CLOSED;
            default -> null;
        };
        if (mode == null) {
            return "Usage: /moderation failure <open|closed>";
        }
        change(message, s -> s.withOnFailure(mode), "moderation.failure", command.word(1));
        return mode == FailureMode.FAIL_OPEN
                ? "When moderation fails, messages pass on what the other checks said."
                : "When moderation fails, messages are blocked with a notice.";
    }

    String exemptRole(CommandLine command, InboundMessage message, ScopeKey scope) {
        String action = command.word(1);
        ScopeSettings before = settings.load(scope);
        if (action.equals("list")) {
            return "Exempt roles here: " + list(before.exemptRoles()) + "\n(configured exempt roles apply everywhere)";
        }
        if (!action.equals("add") && !action.equals("remove")) {
            return "Usage: /moderation exempt-role <add|remove|list> <role>";
        }
        String role = unwrap(command.restAfter(2), "<@&");
        if (role.isEmpty()) {
            return "Usage: /moderation exempt-role " + action + " <role>";
        }
        if (Characters.count(role) > MAX_ROLE_LENGTH) {
            return "A role may have at most " + MAX_ROLE_LENGTH + " characters.";
        }
        boolean add = action.equals("add");
        if (before.exemptRoles().contains(role) == add) {
            return "\"" + role + "\" was " + (add ? "already" : "not") + " exempt.";
        }
        change(message, add ? s -> s.withExemptRole(role) : s -> s.withoutExemptRole(role),
                "moderation.exempt-role." + action, role);
        return add ? "Prompts by \"" + role + "\" are no longer moderated here (replies to them still are)."
                : "Prompts by \"" + role + "\" are moderated again here.";
    }

    String auditChannel(CommandLine command, InboundMessage message, ScopeKey scope) {
        String typed = unwrap(command.restAfter(1), "<#");
        if (typed.isEmpty() || typed.length() > MAX_CHANNEL_ID_LENGTH || typed.chars().anyMatch(Character::isWhitespace)) {
            return "Usage: /moderation audit-channel <channel-id|off>";
        }
        String channel = typed.equalsIgnoreCase("off") ? null : typed;
        if (Objects.equals(channel, settings.load(scope).auditChannel())) {
            return channel == null ? "No audit channel was set." : "Blocks were already reported to " + channel + ".";
        }
        change(message, s -> s.withAuditChannel(channel), "moderation.audit-channel",
                channel == null ? "off" : channel);
        return channel == null ? "Blocks are no longer reported to a channel (the audit log keeps them)."
                : "Every block here is now reported to channel " + channel + ".";
    }

    String excerpt(CommandLine command, InboundMessage message, ScopeKey scope) {
        ExcerptMode mode = ExcerptMode.fromTyped(command.word(1)).orElse(null);
        if (mode == null || command.words().size() > 2) {
            return "Usage: /moderation excerpt <none|redacted>";
        }
        if (mode == policies.forScope(scope).reporting().excerpt()) {
            return "The excerpt of blocked texts was already " + mode.typed() + ".";
        }
        change(message, s -> s.withExcerpt(mode), "moderation.excerpt", mode.typed());
        return mode == ExcerptMode.REDACTED
                ? "Blocks are now audited with an excerpt of at most " + RedactedExcerpt.MAX_LENGTH
                        + " characters, the words that triggered them masked."
                : "Blocks are now audited with a hash of the text only.";
    }

    /** A platform's mention syntax ({@code <#123>}, {@code <@&456>}) reduced to the id inside it. */
    private static String unwrap(String typed, String opening) {
        String text = typed.strip();
        return text.startsWith(opening) && text.endsWith(">") ? text.substring(opening.length(), text.length() - 1).strip()
                : text;
    }

    /** Applies {@code edit} to the scope's settings, saves them and audits the change. */
    private void change(InboundMessage message, UnaryOperator<ScopeSettings> edit, String action, String detail) {
        ModerationTarget.scope(message, settings, policies).change(changes, message, edit, action, detail);
    }
}
