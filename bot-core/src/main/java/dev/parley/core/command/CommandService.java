package dev.parley.core.command;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationPolicies;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.moderation.Verdict;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeSettings;
import dev.parley.core.settings.SettingsStore;
import java.time.InstantSource;
import java.util.Locale;

/**
 * Answers the commands users and admins type. Admin commands check the author's permission on
 * every call and write every change to the audit log; changes take effect with the next message.
 */
public final class CommandService {

    static final int MAX_TERM_LENGTH = 100;

    private static final String HELP = """
            Commands:
              /help                              this list
              /reset                             forget this conversation
              /moderation terms list             blocked terms of this scope (admins)
              /moderation terms add <term>       block a term (admins)
              /moderation terms remove <term>    unblock a term (admins)
              /moderation test <text>            show the verdict on a text (admins)""";

    private final SettingsStore settings;
    private final ModerationPolicies policies;
    private final Moderator moderator;
    private final ConversationMemory memory;
    private final AuditLog audit;
    private final InstantSource clock;
    private final TextNormaliser normaliser = new TextNormaliser();

    public CommandService(SettingsStore settings, ModerationPolicies policies, Moderator moderator,
            ConversationMemory memory, AuditLog audit, InstantSource clock) {
        this.settings = settings;
        this.policies = policies;
        this.moderator = moderator;
        this.memory = memory;
        this.audit = audit;
        this.clock = clock;
    }

    /** Runs {@code command}, written by the author of {@code message}, and returns the answer. */
    public String handle(CommandLine command, InboundMessage message) {
        return switch (command.name()) {
            case "help", "start" -> HELP;
            case "reset" -> {
                memory.forget(message.conversationKey());
                yield "Forgotten: this conversation starts afresh.";
            }
            case "moderation" -> message.author().admin()
                    ? moderation(command, message)
                    : "Only admins of this " + scopeNoun(message) + " can change moderation.";
            default -> "Unknown command /" + command.name() + ". Try /help.";
        };
    }

    private String moderation(CommandLine command, InboundMessage message) {
        ScopeKey scope = ScopeKey.of(message.location());
        return switch (command.word(0)) {
            case "terms" -> terms(command, message, scope);
            case "test" -> {
                String text = command.restAfter(1);
                if (text.isEmpty()) {
                    yield "Usage: /moderation test <text>";
                }
                Verdict verdict = moderator.moderate(text, Direction.INPUT, policies.forScope(scope));
                yield verdict instanceof Verdict.Block block
                        ? "Would be blocked: " + block.category() + " (" + block.reason() + ", rule " + block.rule() + ")."
                        : "Would be allowed.";
            }
            default -> "Usage: /moderation terms <list|add|remove> [term] | /moderation test <text>";
        };
    }

    private String terms(CommandLine command, InboundMessage message, ScopeKey scope) {
        String action = command.word(1);
        if (action.equals("list")) {
            var terms = settings.load(scope).blockedTerms();
            return terms.isEmpty()
                    ? "No blocked terms of this " + scopeNoun(message) + " (the configured ones apply everywhere)."
                    : "Blocked terms here: " + String.join(", ", terms.stream().sorted().toList());
        }
        if (!action.equals("add") && !action.equals("remove")) {
            return "Usage: /moderation terms <list|add|remove> [term]";
        }
        // stored lower-cased so that "add Bomb" and "remove bomb" name the same term
        String term = command.restAfter(2).toLowerCase(Locale.ROOT);
        if (term.isEmpty()) {
            return "Usage: /moderation terms " + action + " <term>";
        }
        if (term.length() > MAX_TERM_LENGTH) {
            return "A term may have at most " + MAX_TERM_LENGTH + " characters.";
        }
        if (normaliser.normalise(term).isBlank()) {
            return "\"" + term + "\" has no letters or digits, so it would block nothing.";
        }
        ScopeSettings before = settings.load(scope);
        ScopeSettings after = action.equals("add") ? before.withBlockedTerm(term) : before.withoutBlockedTerm(term);
        if (after.equals(before)) {
            return action.equals("add") ? "\"" + term + "\" was already blocked." : "\"" + term + "\" was not blocked.";
        }
        settings.save(scope, after);
        policies.invalidate(scope);
        audit.record(new AuditEntry(clock.instant(), scope, message.author().id(), "terms." + action, term));
        return action.equals("add") ? "Blocked \"" + term + "\"." : "Unblocked \"" + term + "\".";
    }

    private static String scopeNoun(InboundMessage message) {
        return switch (message.location().platform()) {
            case DISCORD -> "server";
            case TELEGRAM -> "chat";
            case CONSOLE -> "console";
        };
    }
}
