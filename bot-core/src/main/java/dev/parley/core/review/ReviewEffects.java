package dev.parley.core.review;

import dev.parley.core.access.AccessControl;
import dev.parley.core.access.AccessEntry;
import dev.parley.core.access.AccessKind;
import dev.parley.core.access.AccessMode;
import dev.parley.core.access.DurationWords;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategorySetting;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.SettingsStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides what each review action changes, and changes it: the scope's allowed terms or a
 * category's threshold for a false positive, a notice to the author for a warning, a mute, or a
 * block from the bot. An action is checked ({@link #plan}) before the item is claimed, so a
 * refused one leaves the item pending.
 */
public final class ReviewEffects {

    /** What a warned author is told. */
    public static final String WARNING = "An admin reviewed your blocked message: please keep to the rules here,"
            + " or you may be muted from the bot.";
    private static final int MAX_TERM_LENGTH = 100;

    private final SettingsStore settings;
    private final ModerationPolicies policies;
    private final AccessControl access;
    private final AuthorNotices notices;

    public ReviewEffects(SettingsStore settings, ModerationPolicies policies, AccessControl access,
            AuthorNotices notices) {
        this.settings = settings;
        this.policies = policies;
        this.access = access;
        this.notices = notices;
    }

    /** A checked action: what it will do, in words for the audit log and the admin, and how. */
    public record Plan(String detail, Runnable apply) {}

    /** The plan for {@code decision} on {@code item} by {@code by} at {@code now}, or a one-line refusal. */
    public Result plan(ReviewItem item, Decision decision, String by, Instant now) {
        return switch (decision.action()) {
            case FALSE_POSITIVE -> decision.allowTerm() != null ? allowTerm(item, decision.allowTerm())
                    : raiseThreshold(item);
            case CONFIRM -> ok("confirmed", () -> { });
            case WARN -> ok("warned user " + item.authorId(), () -> notices.tell(item, WARNING));
            case MUTE -> item.authorId().equals(by) ? refuse("You cannot mute yourself.") : mute(item, decision, by, now);
            case BAN -> item.authorId().equals(by) ? refuse("You cannot ban yourself.") : ban(item, by, now);
        };
    }

    /** A plan, or why there is none. */
    public sealed interface Result {}

    /** The action can be applied. */
    public record Planned(Plan plan) implements Result {}

    /** The action cannot apply to this item. */
    public record Refusal(String text) implements Result {}

    private static Result ok(String detail, Runnable apply) {
        return new Planned(new Plan(detail, apply));
    }

    private static Result refuse(String text) {
        return new Refusal(text);
    }

    private Result allowTerm(ReviewItem item, String typed) {
        // stored lower-cased, as /moderation terms does
        String term = typed.strip().toLowerCase(Locale.ROOT);
        if (term.isEmpty() || term.length() > MAX_TERM_LENGTH) {
            return refuse("An allowed term has 1 to " + MAX_TERM_LENGTH + " characters.");
        }
        return ok("allowed term \"" + term + "\"", () -> {
            settings.save(item.scope(), settings.load(item.scope()).withAllowedTerm(term));
            policies.invalidate(item.scope());
        });
    }

    private Result raiseThreshold(ReviewItem item) {
        Optional<Category> category = item.taxonomyCategory();
        if (category.isEmpty()) {
            return refuse("Review " + item.id() + " was blocked as " + item.category() + ", not by a category score:"
                    + " allow a term with /review resolve " + item.id() + " false-positive <term>"
                    + (item.category().equals("custom") ? ", or remove the blocked term with /moderation terms remove" : "")
                    + ".");
        }
        double score = item.scores().score(category.get());
        // the next hundredth above the score, so this text's score no longer reaches it
        BigDecimal above = BigDecimal.valueOf(score).setScale(2, RoundingMode.FLOOR).add(new BigDecimal("0.01"));
        if (above.compareTo(BigDecimal.ONE) > 0) {
            return refuse("Its " + category.get().apiName() + " score is " + above.subtract(new BigDecimal("0.01"))
                    + ": no threshold lets it pass. Allow a term instead: /review resolve " + item.id()
                    + " false-positive <term>");
        }
        double threshold = above.doubleValue();
        CategorySetting before = policies.forScope(item.scope()).setting(category.get());
        if (before.threshold() > score) {
            return ok(category.get().apiName() + " threshold already " + before.threshold(), () -> { });
        }
        return ok(category.get().apiName() + " threshold " + above.toPlainString(), () -> {
            // read again when applied, so a change made meanwhile is kept
            settings.save(item.scope(), settings.load(item.scope()).withCategory(category.get(),
                    new CategorySetting(before.action(), threshold)));
            policies.invalidate(item.scope());
        });
    }

    private Result mute(ReviewItem item, Decision decision, String by, Instant now) {
        Instant until = now.plus(decision.mute());
        return ok("muted user " + item.authorId() + " for " + DurationWords.format(decision.mute()) + " until "
                + AccessControl.until(until), () -> {
                    access.mutes().mute(item.scope(), item.authorId(), until,
                            "muted by an admin after review " + item.id(), by);
                    access.changed(item.scope(), item.authorId());
                });
    }

    private Result ban(ReviewItem item, String by, Instant now) {
        return ok("blocked user " + item.authorId() + " from the bot", () -> {
            access.lists().put(item.scope(), new AccessEntry(AccessKind.USER, item.authorId(), AccessMode.BLOCK,
                    "after review " + item.id() + " of a blocked message", by, now));
            access.changed(item.scope(), item.authorId());
        });
    }
}
