package dev.parley.core.command;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.FailureMode;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.Verdict;
import dev.parley.core.persona.InvalidPersonaException;
import dev.parley.core.persona.Persona;
import dev.parley.core.persona.PersonaField;
import dev.parley.core.persona.PersonaRules;
import dev.parley.core.persona.PersonaSelector;
import dev.parley.core.persona.UnknownPersonaException;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import java.util.EnumSet;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /persona} command, and {@code /bot persona} as its older alias: anyone may list the
 * personas of a scope and show one; its admins pick one for a channel and create, edit and delete
 * the scope's own. A system prompt is judged by moderation as if the model had written it, under
 * the scope's policy, before it is kept.
 */
final class PersonaCommands {

    static final String USAGE = "Usage: /persona list | show <name> | use <name> | create <name> <system prompt>"
            + " | edit <name> <" + PersonaField.choices() + "> <value> | delete <name>";
    static final String NONE = "This bot has no personas to choose from.";

    /** How much of a system prompt {@code /persona show} prints, so the answer fits one Discord message. */
    private static final int SHOWN_PROMPT = 1_500;
    private static final int ECHOED_NAME = 32;

    private static final Logger LOG = LoggerFactory.getLogger(PersonaCommands.class);

    private final PersonaSelector personas;
    private final PersonaRules rules;
    private final Moderator moderator;
    private final ModerationPolicies policies;
    private final AdminChanges changes;

    PersonaCommands(PersonaSelector personas, PersonaRules rules, Moderator moderator, ModerationPolicies policies,
            AdminChanges changes) {
        this.personas = personas;
        this.rules = rules;
        this.moderator = moderator;
        this.policies = policies;
        this.changes = changes;
    }

    /** {@code /persona ...}. */
    String handle(CommandLine command, InboundMessage message) {
        String sub = command.word(0);
        try {
            return switch (sub) {
                case "", "list" -> list(message);
                case "show" -> show(command.word(1), message);
                case "use" -> use(command.word(1), message);
                case "create", "edit", "delete" -> message.author().admin() ? change(sub, command, message)
                        : "Only admins of this " + CommandService.scopeNoun(message) + " can " + sub + " personas.";
                default -> USAGE;
            };
        } catch (RuntimeException e) {
            // the store failed: nothing the admin typed is at fault, and nothing is claimed as done
            LOG.warn("personas of {} {} could not be read or changed: {}",
                    message.location().platform(), message.location().scopeId(), e.toString());
            return "The personas here could not be read or changed just now; please try again.";
        }
    }

    /** {@code /bot persona [name]}: the channel's persona and the choices, or (admins) picks one. */
    String bot(CommandLine command, InboundMessage message) {
        String wanted = command.word(1);
        if (wanted.isEmpty()) {
            ScopeKey scope = ScopeKey.of(message.location());
            return "Persona here: " + personas.personaFor(message.location()).name() + ". Available: "
                    + String.join(", ", personas.names(scope)) + ".";
        }
        return use(wanted, message);
    }

    private String change(String sub, CommandLine command, InboundMessage message) {
        try {
            return switch (sub) {
                case "create" -> create(command, message);
                case "edit" -> edit(command, message);
                default -> delete(command.word(1), message);
            };
        } catch (InvalidPersonaException e) {
            return e.getMessage();
        }
    }

    private String list(InboundMessage message) {
        ScopeKey scope = ScopeKey.of(message.location());
        String here = personas.personaFor(message.location()).name();
        String builtIn = personas.catalog().names().stream().map(name -> marked(name, here))
                .collect(Collectors.joining(", "));
        String own = personas.own(scope).stream().map(persona -> marked(persona.name(), here))
                .collect(Collectors.joining(", "));
        return "Personas here (* answers in this channel). Built-in: " + builtIn + ". This "
                + CommandService.scopeNoun(message) + "'s own: " + (own.isEmpty() ? "none" : own) + "."
                + " /persona show <name> for one.";
    }

    private static String marked(String name, String here) {
        return name.equals(here) ? name + " *" : name;
    }

    private String show(String name, InboundMessage message) {
        if (name.isEmpty()) {
            return "Usage: /persona show <name>";
        }
        ScopeKey scope = ScopeKey.of(message.location());
        Persona persona = personas.find(scope, name).orElse(null);
        if (persona == null) {
            return unknown(name, scope);
        }
        String kind = personas.builtIn(persona.name()) ? "built-in" : "this " + CommandService.scopeNoun(message) + "'s own";
        boolean answersHere = personas.personaFor(message.location()).name().equals(persona.name());
        return "Persona " + persona.name() + " (" + kind + (answersHere ? ", answers in this channel" : "") + "): "
                + settings(persona) + ".\nSystem prompt: " + Characters.shortened(persona.systemPrompt(), SHOWN_PROMPT);
    }

    private static String settings(Persona persona) {
        return "temperature " + number(persona.generation().temperature()) + ", max-tokens "
                + persona.generation().maxNewTokens() + ", LoRA " + (persona.adapterScales().isEmpty()
                        ? "as loaded"
                        : new TreeMap<>(persona.adapterScales()).entrySet().stream()
                                .map(e -> e.getKey() + " " + number(e.getValue())).collect(Collectors.joining(", ")));
    }

    private String use(String name, InboundMessage message) {
        if (name.isEmpty()) {
            return "Usage: /persona use <name>";
        }
        if (!message.author().admin()) {
            return "Only admins of this " + CommandService.scopeNoun(message) + " can choose the persona.";
        }
        try {
            Persona persona = personas.choose(message.location(), name);
            // the action name /bot persona always had, so the audit log reads the same for both
            changes.record(message, "bot.persona", message.location().channelId() + " " + persona.name());
            return "Persona here is now " + persona.name() + ".";
        } catch (UnknownPersonaException e) {
            return unknown(name, ScopeKey.of(message.location()));
        }
    }

    private String create(CommandLine command, InboundMessage message) {
        String typedName = command.word(1);
        if (typedName.isEmpty()) {
            return "Usage: /persona create <name> <system prompt>";
        }
        String name = rules.name(typedName);
        ScopeKey scope = ScopeKey.of(message.location());
        if (personas.builtIn(name)) {
            return "\"" + name + "\" is a built-in persona; please pick another name.";
        }
        if (personas.find(scope, name).isPresent()) {
            return "A persona called \"" + name + "\" already exists here; /persona edit " + name
                    + " changes it.";
        }
        Persona persona = rules.create(name, command.restAfter(2), personas.defaultPersona().generation());
        String refusal = refusal(persona, scope, message, "create");
        if (refusal != null) {
            return refusal;
        }
        personas.save(scope, persona);
        changes.record(message, "persona.create", name + ", prompt of " + Characters.count(persona.systemPrompt())
                + " characters");
        return "Created persona " + name + " (" + settings(persona) + "). /persona use " + name
                + " lets it answer in a channel.";
    }

    private String edit(CommandLine command, InboundMessage message) {
        String name = command.word(1);
        PersonaField field = PersonaField.fromTyped(command.word(2)).orElse(null);
        String value = command.restAfter(3);
        if (name.isEmpty() || field == null || value.isEmpty()) {
            return "Usage: /persona edit <name> <" + PersonaField.choices() + "> <value>";
        }
        ScopeKey scope = ScopeKey.of(message.location());
        if (personas.builtIn(name)) {
            return builtInRefusal(name, "changed");
        }
        Persona current = personas.find(scope, name).orElse(null);
        if (current == null) {
            return unknown(name, scope);
        }
        Persona edited = rules.edit(current, field, value);
        if (field == PersonaField.PROMPT) {
            String refusal = refusal(edited, scope, message, "edit");
            if (refusal != null) {
                return refusal;
            }
        }
        personas.save(scope, edited);
        String detail = field == PersonaField.PROMPT
                ? "prompt of " + Characters.count(edited.systemPrompt()) + " characters"
                : field.typed() + " " + settings(edited);
        changes.record(message, "persona.edit", edited.name() + " " + detail);
        return "Persona " + edited.name() + " changed: " + (field == PersonaField.PROMPT ? "new system prompt; " : "")
                + settings(edited) + ". It applies from the next message.";
    }

    private String delete(String name, InboundMessage message) {
        if (name.isEmpty()) {
            return "Usage: /persona delete <name>";
        }
        ScopeKey scope = ScopeKey.of(message.location());
        if (personas.builtIn(name)) {
            return builtInRefusal(name, "deleted");
        }
        OptionalInt released = personas.delete(scope, name);
        if (released.isEmpty()) {
            return unknown(name, scope);
        }
        int channels = released.getAsInt();
        changes.record(message, "persona.delete", name + ", " + channels + " channels back to "
                + personas.defaultPersona().name());
        return "Deleted persona " + name + "." + (channels == 0 ? ""
                : " " + (channels == 1 ? "1 channel" : channels + " channels") + " that used it now get"
                        + (channels == 1 ? "s" : "") + " the default persona, " + personas.defaultPersona().name() + ".");
    }

    /**
     * Why {@code persona}'s system prompt may not be kept, or null when it may: it is judged as the
     * model's own output would be, since it steers every reply, even where the scope moderates only
     * prompts, and failing closed.
     */
    private String refusal(Persona persona, ScopeKey scope, InboundMessage message, String action) {
        Verdict verdict = moderator.moderate(persona.systemPrompt(), Direction.OUTPUT, asOutput(policies.forScope(scope)));
        if (!(verdict instanceof Verdict.Block block)) {
            return null;
        }
        if (block.category().equals(ModerationPolicy.UNAVAILABLE_CATEGORY)) {
            return "Moderation could not judge this system prompt just now, so nothing was saved; please try again.";
        }
        changes.record(message, "persona.refused", action + " " + persona.name() + ": " + block.category());
        return "Refused: this system prompt would have me produce content blocked here (" + block.category()
                + "). Nothing was saved.";
    }

    private static ModerationPolicy asOutput(ModerationPolicy policy) {
        return new ModerationPolicy(policy.categories(), EnumSet.of(Direction.OUTPUT), policy.blockedTerms(),
                policy.allowedTerms(), policy.exemptRoles(), FailureMode.FAIL_CLOSED, policy.inputNotice(),
                policy.outputNotice(), policy.unavailableNotice(), policy.reporting(), policy.selfHarmNotice());
    }

    private String unknown(String name, ScopeKey scope) {
        return "No persona is called \"" + Characters.shortened(name, ECHOED_NAME) + "\". Available: "
                + String.join(", ", personas.names(scope)) + ".";
    }

    private static String builtInRefusal(String name, String done) {
        return "\"" + name + "\" is a built-in persona, set in the bot's configuration; it cannot be " + done
                + " here. /persona create makes one of your own.";
    }

    private static String number(float value) {
        return String.format(Locale.ROOT, "%s", value).replaceAll("\\.0$", "");
    }
}
