package dev.parley.core.command;

import dev.parley.core.access.AccessControl;
import dev.parley.core.access.DurationWords;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.moderation.Category;
import dev.parley.core.review.Decision;
import dev.parley.core.review.ReviewAction;
import dev.parley.core.review.ReviewExport;
import dev.parley.core.review.ReviewItem;
import dev.parley.core.review.ReviewQueue;
import dev.parley.core.review.Reviewer;
import dev.parley.core.settings.ScopeKey;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The admins' {@code /review list|show|resolve|export} commands: the blocks reported to this
 * scope's audit channel, and what an admin decides about each. Resolving is the queue's, which
 * audits it; reading is not audited.
 */
final class ReviewCommands {

    static final String HELP = """
            /review (admins): the blocks reported to this scope's audit channel, each until one admin resolves it
              /review list                       the pending items here, oldest first
              /review show <id>                  one item: author, category, scores, hash (and excerpt, if kept)
              /review resolve <id> false-positive [term]
                                                 allow this term here, or without one raise the category's threshold just above its score
              /review resolve <id> confirm|warn|ban
                                                 moderation was right; warn tells the author, ban blocks them from the bot here
              /review resolve <id> mute [30m|2h|1d]
                                                 mute the author from the bot here (1h if no time is given)
              /review export [count]             resolved items as JSON lines for retraining (20, at most 50)""";
    static final String USAGE = "Usage: /review list | /review show <id> | /review resolve <id>"
            + " <false-positive [term]|confirm|warn|mute [duration]|ban> | /review export [count]";
    private static final int LISTED = 20;
    private static final int EXPORTED = 20;
    private static final int MAX_EXPORTED = 50;

    private final ReviewQueue queue;

    ReviewCommands(ReviewQueue queue) {
        this.queue = queue;
    }

    /** Runs {@code /review <word(0)> ...}, for admins only. */
    String handle(CommandLine command, InboundMessage message) {
        if (!message.author().admin()) {
            return "Only admins of this " + CommandService.scopeNoun(message) + " can review moderation.";
        }
        ScopeKey scope = ScopeKey.of(message.location());
        return switch (command.word(0)) {
            case "list" -> list(scope);
            case "show" -> show(scope, command.word(1));
            case "resolve" -> resolve(scope, command, message);
            case "export" -> export(scope, command.word(1));
            default -> USAGE;
        };
    }

    private String list(ScopeKey scope) {
        List<ReviewItem> pending = queue.pending(scope, LISTED + 1);
        if (pending.isEmpty()) {
            return "Nothing to review here.";
        }
        String lines = pending.stream().limit(LISTED).map(i -> i.id() + "  " + AccessControl.until(i.createdAt())
                + "  user " + i.authorId() + "  " + i.category() + " " + topScore(i)).collect(Collectors.joining("\n"));
        return "Pending reviews (resolve with /review resolve <id> <action>):\n" + lines
                + (pending.size() > LISTED ? "\n(only the oldest " + LISTED + " shown)" : "");
    }

    private String show(ScopeKey scope, String id) {
        if (id.isEmpty()) {
            return "Usage: /review show <id>";
        }
        Optional<ReviewItem> found = queue.find(id).filter(i -> i.scope().equals(scope));
        if (found.isEmpty()) {
            return "There is no review item " + id + " here. /review list shows the pending ones.";
        }
        ReviewItem item = found.get();
        String scores = item.scores().asMap().entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<Category, Double>comparingByValue().reversed()).limit(4)
                .map(e -> e.getKey().apiName() + " " + String.format(Locale.ROOT, "%.2f", e.getValue()))
                .collect(Collectors.joining(", "));
        StringBuilder text = new StringBuilder("Review ").append(item.id()).append(": ")
                .append(item.direction().name().toLowerCase(Locale.ROOT)).append(" of user ").append(item.authorId())
                .append(" in channel ").append(item.location().channelId()).append(" at ")
                .append(AccessControl.until(item.createdAt())).append(", ").append(item.category()).append(" (")
                .append(item.rule()).append(')');
        if (!scores.isEmpty()) {
            text.append(", scores ").append(scores);
        }
        text.append(", sha256 ").append(item.hash());
        if (item.excerpt() != null) {
            text.append("\nExcerpt: \"").append(item.excerpt()).append('"');
        }
        var how = item.resolution();
        text.append(how == null ? "\nPending." : "\nResolved by " + how.by() + " at " + AccessControl.until(how.at())
                + ": " + how.action().typed() + ", " + how.detail() + ".");
        return text.toString();
    }

    private String resolve(ScopeKey scope, CommandLine command, InboundMessage message) {
        String id = command.word(1);
        Optional<ReviewAction> action = ReviewAction.fromTyped(command.word(2));
        if (id.isEmpty() || action.isEmpty()) {
            return USAGE;
        }
        Decision decision;
        switch (action.get()) {
            case FALSE_POSITIVE -> {
                String term = command.restAfter(3);
                decision = new Decision(ReviewAction.FALSE_POSITIVE, term.isEmpty() ? null : term, null);
            }
            case MUTE -> {
                Duration duration = null;
                if (!command.word(3).isEmpty()) {
                    duration = DurationWords.parse(command.word(3))
                            .filter(d -> d.compareTo(Duration.ofDays(365)) <= 0).orElse(null);
                    if (duration == null) {
                        return "Usage: /review resolve <id> mute [duration: 30m, 2h, 1d; at most 365d]";
                    }
                }
                decision = new Decision(ReviewAction.MUTE, null, duration);
            }
            default -> decision = Decision.of(action.get());
        }
        return queue.resolve(scope, id, decision, new Reviewer(message.author().id(), message.author().admin())).text();
    }

    private String export(ScopeKey scope, String countWord) {
        int count = EXPORTED;
        if (!countWord.isEmpty()) {
            try {
                count = Integer.parseInt(countWord);
            } catch (NumberFormatException e) {
                count = 0;
            }
            if (count < 1 || count > MAX_EXPORTED) {
                return "Usage: /review export [count from 1 to " + MAX_EXPORTED + "]";
            }
        }
        List<ReviewItem> resolved = queue.resolved(scope, count);
        if (resolved.isEmpty()) {
            return "No resolved reviews here yet.";
        }
        return ReviewExport.lines(resolved);
    }

    private static String topScore(ReviewItem item) {
        return item.taxonomyCategory().map(c -> String.format(Locale.ROOT, "%.2f", item.scores().score(c))).orElse("");
    }
}
