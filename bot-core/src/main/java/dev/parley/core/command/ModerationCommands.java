package dev.parley.core.command;

import static dev.parley.core.command.ModerationRuleCommands.list;
import static dev.parley.core.command.ModerationRuleCommands.names;
import static dev.parley.core.command.ModerationRuleCommands.plain;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.FailureMode;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.Verdict;
import dev.parley.core.settings.ChannelKey;
import dev.parley.core.settings.ChannelSettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeSettings;
import dev.parley.core.settings.SettingsStore;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The {@code /moderation} commands of a scope's admins: show the policy, set a category, block or
 * allow terms, choose the directions and the failure mode, exempt roles, name an audit channel,
 * choose what of a blocked text is audited, test a text; and set categories, terms and directions
 * for one channel only ({@code /moderation channel ...}). Every change is saved,
 * audited and in force from the next message. Callers check that the author is an admin.
 */
final class ModerationCommands {

    static final String USAGE = """
            Usage:
              /moderation show
              /moderation category <category> <off|flag|block> [threshold 0-1]
              /moderation terms <list|add|remove> [block|allow] <term>
              /moderation direction <input|output|both|none>
              /moderation failure <open|closed>
              /moderation exempt-role <add|remove|list> <role>
              /moderation audit-channel <channel-id|off>
              /moderation excerpt <none|redacted>
              /moderation test <text>
              /moderation channel <show|clear>
              /moderation channel category|terms|direction ...   as above, for this channel only""";

    static final String CHANNEL_USAGE = """
            Usage (this channel only, on top of the rest of the policy):
              /moderation channel show
              /moderation channel category <category> <off|flag|block> [threshold 0-1]
              /moderation channel terms <list|add|remove> [block|allow] <term>
              /moderation channel direction <input|output|both|none>
              /moderation channel clear""";

    private final SettingsStore settings;
    private final @Nullable ChannelSettingsStore channels;
    private final ModerationPolicies policies;
    private final Moderator moderator;
    private final AdminChanges changes;
    private final ModerationRuleCommands rules;
    private final ModerationScopeCommands scopeWide;

    /**
     * @param channels where {@code /moderation channel} keeps each channel's own moderation: the
     *     store {@code policies} reads, or null where channels cannot have their own
     */
    ModerationCommands(SettingsStore settings, @Nullable ChannelSettingsStore channels, ModerationPolicies policies,
            Moderator moderator, AdminChanges changes) {
        this.settings = settings;
        this.channels = channels;
        this.policies = policies;
        this.moderator = moderator;
        this.changes = changes;
        this.rules = new ModerationRuleCommands(changes);
        this.scopeWide = new ModerationScopeCommands(settings, policies, changes);
    }

    String handle(CommandLine command, InboundMessage message) {
        ScopeKey scope = ScopeKey.of(message.location());
        ModerationTarget here = ModerationTarget.scope(message, settings, policies);
        return switch (command.word(0)) {
            case "show" -> show(message);
            case "channel" -> channel(command, message);
            case "category" -> rules.category(command, message, here);
            case "terms" -> rules.terms(command, message, here);
            case "direction" -> rules.direction(command, message, here);
            case "failure" -> scopeWide.failure(command, message, scope);
            case "exempt-role" -> scopeWide.exemptRole(command, message, scope);
            case "audit-channel" -> scopeWide.auditChannel(command, message, scope);
            case "excerpt" -> scopeWide.excerpt(command, message, scope);
            case "test" -> test(command, message);
            default -> USAGE;
        };
    }

    private String show(InboundMessage message) {
        ScopeKey scope = ScopeKey.of(message.location());
        ModerationPolicy policy = policies.forLocation(message.location());
        ScopeSettings own = settings.load(scope);
        String categories = Arrays.stream(Category.values())
                .map(c -> "  " + c.apiName() + ": " + policy.setting(c).action().name().toLowerCase(Locale.ROOT)
                        + " at " + plain(policy.setting(c).threshold()))
                .collect(Collectors.joining("\n"));
        return "Moderation here:\n" + categories
                + "\n  directions: " + names(policy.directions())
                + "\n  on failure: " + (policy.onFailure() == FailureMode.FAIL_OPEN ? "open" : "closed")
                + "\n  blocked terms here: " + list(own.blockedTerms())
                + "\n  allowed terms here: " + list(own.allowedTerms())
                + "\n  exempt roles: " + list(policy.exemptRoles())
                + "\n  audit channel: " + (own.auditChannel() == null ? "none" : own.auditChannel())
                + "\n  excerpt of blocked texts: " + policy.reporting().excerpt().typed()
                + (channels != null && !channels.load(ChannelKey.of(message.location())).moderation().equals(ScopeSettings.DEFAULTS)
                        ? "\n  this channel has moderation of its own, included above: /moderation channel show" : "");
    }

    /** {@code /moderation channel <show|category|terms|direction|clear> ...}: this channel's own moderation. */
    private String channel(CommandLine command, InboundMessage message) {
        if (channels == null) {
            return "Channels cannot have moderation of their own here.";
        }
        ModerationTarget channel = ModerationTarget.channel(message, channels, policies);
        // the words after "channel", so the scope's commands read them as their own
        CommandLine rest = new CommandLine(command.name(), command.words().subList(1, command.words().size()),
                "/" + command.name() + " " + command.restAfter(1));
        return switch (rest.word(0)) {
            case "show" -> showChannel(channel.load());
            case "category" -> rules.category(rest, message, channel);
            case "terms" -> rules.terms(rest, message, channel);
            case "direction" -> rules.direction(rest, message, channel);
            case "clear" -> clearChannel(message, channel);
            default -> CHANNEL_USAGE;
        };
    }

    private String showChannel(ScopeSettings own) {
        if (own.equals(ScopeSettings.DEFAULTS)) {
            return "This channel has no moderation of its own; the rest of the policy applies here.";
        }
        String categories = own.categories().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().apiName() + " " + e.getValue().action().name().toLowerCase(Locale.ROOT) + " at "
                        + plain(e.getValue().threshold()))
                .collect(Collectors.joining(", "));
        return "This channel's own moderation, on top of the rest:"
                + "\n  categories: " + (categories.isEmpty() ? "as elsewhere" : categories)
                + "\n  directions: " + (own.directions() == null ? "as elsewhere" : names(own.directions()))
                + "\n  blocked terms: " + list(own.blockedTerms())
                + "\n  allowed terms: " + list(own.allowedTerms());
    }

    private String clearChannel(InboundMessage message, ModerationTarget channel) {
        if (channel.load().equals(ScopeSettings.DEFAULTS)) {
            return "This channel had no moderation of its own.";
        }
        channel.change(changes, message, s -> ScopeSettings.DEFAULTS, "moderation.clear", "all");
        return "This channel's own moderation is cleared; the rest of the policy applies here.";
    }

    private String test(CommandLine command, InboundMessage message) {
        String text = command.restAfter(1);
        if (text.isEmpty()) {
            return "Usage: /moderation test <text>";
        }
        Verdict verdict = moderator.moderate(text, Direction.INPUT, policies.forLocation(message.location()));
        return verdict instanceof Verdict.Block block
                ? "Would be blocked: " + block.category() + " (" + block.reason() + ", rule " + block.rule() + ")."
                : "Would be allowed.";
    }
}
