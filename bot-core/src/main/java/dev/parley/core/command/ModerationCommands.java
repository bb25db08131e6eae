package dev.parley.core.command;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryAction;
import dev.parley.core.moderation.CategorySetting;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ExcerptMode;
import dev.parley.core.moderation.FailureMode;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.RedactedExcerpt;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.moderation.Verdict;
import dev.parley.core.settings.ChannelKey;
import dev.parley.core.settings.ChannelSettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeSettings;
import dev.parley.core.settings.SettingsStore;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
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

    static final int MAX_TERM_LENGTH = 100;
    static final int MAX_ROLE_LENGTH = 100;
    static final int MAX_CHANNEL_ID_LENGTH = 64;

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
    private final TextNormaliser normaliser = new TextNormaliser();

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
    }

    /** What a change applies to: the whole scope, or one channel of it. */
    private interface Target {

        ScopeSettings load();

        /** Saves {@code next} and drops the cached policies it changes. */
        void save(ScopeSettings next);

        /** The policy in force where the command was typed, before the change. */
        ModerationPolicy policy();

        /** The audit action for {@code action} done to this target. */
        String action(String action);

        /** The audit detail for {@code detail}, naming the target where the scope does not. */
        String detail(String detail);

        /** "here" or "in this channel", for replies. */
        String where();
    }

    private Target scopeTarget(InboundMessage message) {
        ScopeKey scope = ScopeKey.of(message.location());
        return new Target() {
            @Override
            public ScopeSettings load() {
                return settings.load(scope);
            }

            @Override
            public void save(ScopeSettings next) {
                settings.save(scope, next);
                policies.invalidate(scope);
            }

            @Override
            public ModerationPolicy policy() {
                return policies.forLocation(message.location());
            }

            @Override
            public String action(String action) {
                return action;
            }

            @Override
            public String detail(String detail) {
                return detail;
            }

            @Override
            public String where() {
                return "here";
            }
        };
    }

    private Target channelTarget(InboundMessage message, ChannelSettingsStore store) {
        ChannelKey channel = ChannelKey.of(message.location());
        return new Target() {
            @Override
            public ScopeSettings load() {
                return store.load(channel).moderation();
            }

            @Override
            public void save(ScopeSettings next) {
                store.save(channel, store.load(channel).withModeration(next));
                policies.invalidate(channel);
            }

            @Override
            public ModerationPolicy policy() {
                return policies.forLocation(message.location());
            }

            @Override
            public String action(String action) {
                return "moderation.channel." + (action.startsWith("moderation.") ? action.substring("moderation.".length()) : action);
            }

            @Override
            public String detail(String detail) {
                return channel.channelId() + " " + detail;
            }

            @Override
            public String where() {
                return "in this channel";
            }
        };
    }

    String handle(CommandLine command, InboundMessage message) {
        ScopeKey scope = ScopeKey.of(message.location());
        Target here = scopeTarget(message);
        return switch (command.word(0)) {
            case "show" -> show(message);
            case "channel" -> channel(command, message);
            case "category" -> category(command, message, here);
            case "terms" -> terms(command, message, here);
            case "direction" -> direction(command, message, here);
            case "failure" -> failure(command, message, scope);
            case "exempt-role" -> exemptRole(command, message, scope);
            case "audit-channel" -> auditChannel(command, message, scope);
            case "excerpt" -> excerpt(command, message, scope);
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
        Target channel = channelTarget(message, channels);
        // the words after "channel", so the scope's commands read them as their own
        CommandLine rest = new CommandLine(command.name(), command.words().subList(1, command.words().size()),
                "/" + command.name() + " " + command.restAfter(1));
        return switch (rest.word(0)) {
            case "show" -> showChannel(channel.load());
            case "category" -> category(rest, message, channel);
            case "terms" -> terms(rest, message, channel);
            case "direction" -> direction(rest, message, channel);
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

    private String clearChannel(InboundMessage message, Target channel) {
        if (channel.load().equals(ScopeSettings.DEFAULTS)) {
            return "This channel had no moderation of its own.";
        }
        change(channel, message, s -> ScopeSettings.DEFAULTS, "moderation.clear", "all");
        return "This channel's own moderation is cleared; the rest of the policy applies here.";
    }

    private String category(CommandLine command, InboundMessage message, Target target) {
        var category = Category.fromApiName(command.word(1).replace('-', '/'))
                .or(() -> Category.fromApiName(command.word(1)));
        if (category.isEmpty()) {
            return "Unknown category \"" + command.word(1) + "\". Categories: "
                    + Arrays.stream(Category.values()).map(Category::apiName).collect(Collectors.joining(", "));
        }
        CategoryAction action;
        try {
            action = CategoryAction.valueOf(command.word(2).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return "Usage: /moderation category <category> <off|flag|block> [threshold 0-1]";
        }
        double threshold = target.policy().setting(category.get()).threshold();
        if (!command.word(3).isEmpty()) {
            try {
                threshold = Double.parseDouble(command.word(3));
            } catch (NumberFormatException e) {
                threshold = Double.NaN;
            }
            if (!(threshold > 0 && threshold <= 1)) {
                return "The threshold is a number above 0 and at most 1, such as 0.5.";
            }
        }
        var setting = new CategorySetting(action, threshold);
        change(target, message, s -> s.withCategory(category.get(), setting), "moderation.category",
                category.get().apiName() + " " + action + " " + plain(threshold));
        return category.get().apiName() + ": " + action.name().toLowerCase(Locale.ROOT) + " at " + plain(threshold)
                + (target.where().equals("here") ? "" : " " + target.where()) + ".";
    }

    /** A threshold as people write it: 0.0000001, not Java's 1.0E-7; 0.5 stays 0.5. */
    static String plain(double threshold) {
        String shown = Double.toString(threshold);
        return shown.contains("E") ? new BigDecimal(shown).stripTrailingZeros().toPlainString() : shown;
    }

    private String terms(CommandLine command, InboundMessage message, Target target) {
        String action = command.word(1);
        if (action.equals("list")) {
            ScopeSettings own = target.load();
            return "Blocked terms " + target.where() + ": " + list(own.blockedTerms()) + "\nAllowed terms "
                    + target.where() + ": " + list(own.allowedTerms()) + "\n(configured terms apply everywhere)";
        }
        if (!action.equals("add") && !action.equals("remove")) {
            return "Usage: /moderation terms <list|add|remove> [block|allow] <term>";
        }
        boolean allow = command.word(2).equals("allow");
        boolean kindNamed = allow || command.word(2).equals("block");
        // stored lower-cased so that "add Bomb" and "remove bomb" name the same term
        String term = command.restAfter(kindNamed ? 3 : 2).toLowerCase(Locale.ROOT);
        if (term.isEmpty()) {
            return "Usage: /moderation terms " + action + " [block|allow] <term>";
        }
        if (Characters.count(term) > MAX_TERM_LENGTH) {
            return "A term may have at most " + MAX_TERM_LENGTH + " characters.";
        }
        if (normaliser.normalise(term).isBlank()) {
            return "\"" + term + "\" has no letters or digits, so it would match nothing.";
        }
        ScopeSettings before = target.load();
        boolean add = action.equals("add");
        Set<String> current = allow ? before.allowedTerms() : before.blockedTerms();
        String kind = allow ? "allowed" : "blocked";
        if (current.contains(term) == add) {
            return "\"" + term + "\" was " + (add ? "already " : "not ") + kind + ".";
        }
        UnaryOperator<ScopeSettings> edit = allow
                ? (add ? s -> s.withAllowedTerm(term) : s -> s.withoutAllowedTerm(term))
                : (add ? s -> s.withBlockedTerm(term) : s -> s.withoutBlockedTerm(term));
        change(target, message, edit, "terms." + action + (allow ? ".allow" : ""), term);
        return (add ? (allow ? "Allowed" : "Blocked") : (allow ? "No longer allowed" : "Unblocked")) + " \"" + term + "\""
                + (target.where().equals("here") ? "" : " " + target.where()) + ".";
    }

    private String direction(CommandLine command, InboundMessage message, Target target) {
        Set<Direction> directions = switch (command.word(1)) {
            case "input" -> EnumSet.of(Direction.INPUT);
            case "output" -> EnumSet.of(Direction.OUTPUT);
            case "both" -> EnumSet.allOf(Direction.class);
            case "none" -> EnumSet.noneOf(Direction.class);
            default -> null;
        };
        if (directions == null) {
            return "Usage: /moderation direction <input|output|both|none>";
        }
        change(target, message, s -> s.withDirections(directions), "moderation.direction", command.word(1));
        return "Moderating " + (directions.isEmpty() ? "nothing" : names(directions)) + " " + target.where() + ".";
    }

    private String failure(CommandLine command, InboundMessage message, ScopeKey scope) {
        FailureMode mode = switch (command.word(1)) {
            case "open" -> FailureMode.FAIL_OPEN;
            case "closed" -> FailureMode.FAIL_CLOSED;
            default -> null;
        };
        if (mode == null) {
            return "Usage: /moderation failure <open|closed>";
        }
        change(scopeTarget(message), message, s -> s.withOnFailure(mode), "moderation.failure", command.word(1));
        return mode == FailureMode.FAIL_OPEN
                ? "When moderation fails, messages pass on what the other checks said."
                : "When moderation fails, messages are blocked with a notice.";
    }

    private String exemptRole(CommandLine command, InboundMessage message, ScopeKey scope) {
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
        change(scopeTarget(message), message, add ? s -> s.withExemptRole(role) : s -> s.withoutExemptRole(role),
                "moderation.exempt-role." + action, role);
        return add ? "Prompts by \"" + role + "\" are no longer moderated here (replies to them still are)."
                : "Prompts by \"" + role + "\" are moderated again here.";
    }

    private String auditChannel(CommandLine command, InboundMessage message, ScopeKey scope) {
        String typed = unwrap(command.restAfter(1), "<#");
        if (typed.isEmpty() || typed.length() > MAX_CHANNEL_ID_LENGTH || typed.chars().anyMatch(Character::isWhitespace)) {
            return "Usage: /moderation audit-channel <channel-id|off>";
        }
        String channel = typed.equalsIgnoreCase("off") ? null : typed;
        if (Objects.equals(channel, settings.load(scope).auditChannel())) {
            return channel == null ? "No audit channel was set." : "Blocks were already reported to " + channel + ".";
        }
        change(scopeTarget(message), message, s -> s.withAuditChannel(channel), "moderation.audit-channel",
                channel == null ? "off" : channel);
        return channel == null ? "Blocks are no longer reported to a channel (the audit log keeps them)."
                : "Every block here is now reported to channel " + channel + ".";
    }

    private String excerpt(CommandLine command, InboundMessage message, ScopeKey scope) {
        ExcerptMode mode = ExcerptMode.fromTyped(command.word(1)).orElse(null);
        if (mode == null || command.words().size() > 2) {
            return "Usage: /moderation excerpt <none|redacted>";
        }
        if (mode == policies.forScope(scope).reporting().excerpt()) {
            return "The excerpt of blocked texts was already " + mode.typed() + ".";
        }
        change(scopeTarget(message), message, s -> s.withExcerpt(mode), "moderation.excerpt", mode.typed());
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

    private void change(Target target, InboundMessage message, UnaryOperator<ScopeSettings> edit, String action,
            String detail) {
        target.save(edit.apply(target.load()));
        changes.record(message, target.action(action), target.detail(detail));
    }

    private static String names(Set<Direction> directions) {
        return directions.isEmpty() ? "none"
                : directions.stream().sorted().map(d -> d.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    private static String list(Set<String> terms) {
        return terms.isEmpty() ? "none" : terms.stream().sorted().collect(Collectors.joining(", "));
    }
}
