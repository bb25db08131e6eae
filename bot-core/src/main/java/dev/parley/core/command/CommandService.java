package dev.parley.core.command;

import dev.parley.core.audit.AuditLog;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.moderation.ModerationPolicies;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.persona.Persona;
import dev.parley.core.persona.PersonaSelector;
import dev.parley.core.persona.UnknownPersonaException;
import dev.parley.core.ratelimit.LimitOverrideStore;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.RequestKey;
import dev.parley.core.queue.Withdrawal;
import dev.parley.core.settings.SettingsStore;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;

/**
 * Answers the commands users and admins type. Admin commands check the author's permission on
 * every call and write every change to the audit log; changes take effect with the next message.
 */
public final class CommandService {

    private static final String HELP = """
            Commands:
              /help                              this list
              /reset                             forget this conversation
              /stop                              stop your question here (waiting or being answered)
              /bot persona                       the persona answering here, and the others
              /ratelimit show                    the rate limits here
            Admins:
              /moderation show                   the moderation policy here
              /moderation category <category> <off|flag|block> [threshold]
              /moderation terms <list|add|remove> [block|allow] <term>
              /moderation direction <input|output|both|none>
              /moderation failure <open|closed>
              /moderation test <text>            the verdict on a text, without posting it
              /ratelimit set <user|channel|server> <per-minute|default> [burst]
              /bot persona <name>                let another persona answer in this channel""";

    private final ConversationMemory memory;
    private final @Nullable RateLimitCommands rateLimits;
    private final ModerationCommands moderation;
    private final @Nullable PersonaSelector personas;
    private final @Nullable InferenceQueue queue;
    private final AdminChanges changes;

    /** Commands without personas: {@code /bot persona} says there are none to choose from. */
    public CommandService(SettingsStore settings, ModerationPolicies policies, Moderator moderator,
            ConversationMemory memory, AuditLog audit, InstantSource clock) {
        this(settings, policies, moderator, memory, audit, clock, null);
    }

    public CommandService(SettingsStore settings, ModerationPolicies policies, Moderator moderator,
            ConversationMemory memory, AuditLog audit, InstantSource clock, @Nullable PersonaSelector personas) {
        this(settings, policies, moderator, memory, audit, clock, personas, null);
    }

    /** Commands including {@code /stop}, which withdraws the author's requests from {@code queue}. */
    public CommandService(SettingsStore settings, ModerationPolicies policies, Moderator moderator,
            ConversationMemory memory, AuditLog audit, InstantSource clock, @Nullable PersonaSelector personas,
            @Nullable InferenceQueue queue) {
        this(settings, policies, moderator, memory, audit, clock, personas, queue, null);
    }

    /**
     * Commands including {@code /ratelimit}, which shows {@code limits} (the configured defaults)
     * with the scope's overrides, and lets admins change those.
     */
    public CommandService(SettingsStore settings, ModerationPolicies policies, Moderator moderator,
            ConversationMemory memory, AuditLog audit, InstantSource clock, @Nullable PersonaSelector personas,
            @Nullable InferenceQueue queue, @Nullable RateLimitSetup limits) {
        this.changes = new AdminChanges(audit, clock);
        this.rateLimits = limits == null ? null : new RateLimitCommands(limits.overrides(), limits.defaults(), changes);
        this.queue = queue;
        this.memory = memory;
        this.moderation = new ModerationCommands(settings, policies, moderator, changes);
        this.personas = personas;
    }

    /** The configured rate limits and where the scopes' overrides are kept, for {@code /ratelimit}. */
    public record RateLimitSetup(LimitOverrideStore overrides, ScopeLimits defaults) {}

    /** Runs {@code command}, written by the author of {@code message}, and returns the answer. */
    public String handle(CommandLine command, InboundMessage message) {
        return switch (command.name()) {
            case "help", "start" -> HELP;
            case "reset" -> {
                memory.forget(message.conversationKey());
                yield "Forgotten: this conversation starts afresh.";
            }
            case "stop" -> stop(message);
            case "bot" -> bot(command, message);
            case "ratelimit" -> rateLimits == null ? "Rate limits cannot be changed here." : rateLimits.handle(command, message);
            case "moderation" -> message.author().admin()
                    ? moderation.handle(command, message)
                    : "Only admins of this " + scopeNoun(message) + " can change moderation.";
            default -> "Unknown command /" + command.name() + ". Try /help.";
        };
    }

    /** {@code /stop}: withdraws the author's own requests in this conversation, waiting or running. */
    private String stop(InboundMessage message) {
        if (queue == null) {
            return "There is nothing to stop here.";
        }
        Withdrawal withdrawal = queue.withdraw(RequestKey.of(message));
        if (withdrawal.none()) {
            return "You have no question waiting or being answered here.";
        }
        if (withdrawal.running() > 0) {
            return "Stopped.";
        }
        return withdrawal.waiting() == 1 ? "Your question was taken out of the queue."
                : "Your " + withdrawal.waiting() + " questions were taken out of the queue.";
    }

    /** {@code /bot persona [name]}: shows the channel's persona and the choices, or (admins) picks one. */
    private String bot(CommandLine command, InboundMessage message) {
        if (!command.word(0).equals("persona")) {
            return "Usage: /bot persona [name]";
        }
        if (personas == null) {
            return "This bot has no personas to choose from.";
        }
        String wanted = command.word(1);
        if (wanted.isEmpty()) {
            return "Persona here: " + personas.personaFor(message.location()).name() + ". Available: "
                    + String.join(", ", personas.catalog().names()) + ".";
        }
        if (!message.author().admin()) {
            return "Only admins of this " + scopeNoun(message) + " can choose the persona.";
        }
        try {
            Persona persona = personas.choose(message.location(), wanted);
            changes.record(message, "bot.persona", message.location().channelId() + " " + persona.name());
            return "Persona here is now " + persona.name() + ".";
        } catch (UnknownPersonaException e) {
            return "No persona is called \"" + wanted + "\". Available: " + String.join(", ", personas.catalog().names()) + ".";
        }
    }

    private static String scopeNoun(InboundMessage message) {
        return switch (message.location().platform()) {
            case DISCORD -> "server";
            case TELEGRAM -> "chat";
            case CONSOLE -> "console";
        };
    }
}
