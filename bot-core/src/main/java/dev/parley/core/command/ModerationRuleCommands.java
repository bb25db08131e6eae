package dev.parley.core.command;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryAction;
import dev.parley.core.moderation.CategorySetting;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.settings.ScopeSettings;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The {@code /moderation} commands that decide what is blocked, for a whole scope or one channel
 * ({@link ModerationTarget}): a category's action and threshold, blocked and allowed terms, the
 * directions moderated. Callers check that the author is an admin.
 */
final class ModerationRuleCommands {

    static final int MAX_TERM_LENGTH = 100;

    private final AdminChanges changes;
    private final TextNormaliser normaliser = new TextNormaliser();

    ModerationRuleCommands(AdminChanges changes) {
        this.changes = changes;
    }

    String category(CommandLine command, InboundMessage message, ModerationTarget target) {
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
        target.change(changes, message, s -> s.withCategory(category.get(), setting), "moderation.category",
                category.get().apiName() + " " + action + " " + plain(threshold));
        return category.get().apiName() + ": " + action.name().toLowerCase(Locale.ROOT) + " at " + plain(threshold)
                + (target.where().equals("here") ? "" : " " + target.where()) + ".";
    }

    /** A threshold as people write it: 0.0000001, not Java's 1.0E-7; 0.5 stays 0.5. */
    static String plain(double threshold) {
        String shown = Double.toString(threshold);
        return shown.contains("E") ? new BigDecimal(shown).stripTrailingZeros().toPlainString() : shown;
    }

    String terms(CommandLine command, InboundMessage message, ModerationTarget target) {
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
        target.change(changes, message, edit, "terms." + action + (allow ? ".allow" : ""), term);
        return (add ? (allow ? "Allowed" : "Blocked") : (allow ? "No longer allowed" : "Unblocked")) + " \"" + term + "\""
                + (target.where().equals("here") ? "" : " " + target.where()) + ".";
    }

    String direction(CommandLine command, InboundMessage message, ModerationTarget target) {
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
        target.change(changes, message, s -> s.withDirections(directions), "moderation.direction", command.word(1));
        return "Moderating " + (directions.isEmpty() ? "nothing" : names(directions)) + " " + target.where() + ".";
    }

    static String names(Set<Direction> directions) {
        return directions.isEmpty() ? "none"
                : directions.stream().sorted().map(d -> d.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    static String list(Set<String> terms) {
        return terms.isEmpty() ? "none" : terms.stream().sorted().collect(Collectors.joining(", "));
    }
}
