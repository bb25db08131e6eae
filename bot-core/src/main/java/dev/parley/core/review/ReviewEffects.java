package dev.parley.core.review;

import dev.parley.core.access.AccessControl;
import dev.parley.core.access.AccessEntry;
import dev.parley.core.access.AccessKind;
import dev.parley.core.access.AccessMode;
import dev.parley.core.access.DurationWords;
import dev.parley.core.access.Mute;
import dev.parley.core.access.StrikeWithdrawal;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategorySetting;
import dev.parley.core.moderation.Direction;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeSettings;
import dev.parley.core.settings.SettingsStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Decides what each review action changes, and changes it: the scope's allowed terms or a
 * category's threshold for a false positive (and the author's strike for the block taken back), a
 * notice to the author for a warning, a mute, or a block from the bot. An action is checked ({@link #plan}) before the item is claimed, so a
 * refused one leaves the item pending.
 */
public final class ReviewEffects {

    /** What a warned author is told. */
    public static final String WARNING = "An admin reviewed your blocked message: please keep to the rules here,"
            + " or you may be muted from the bot.";
    /** What an author whose strikes' mute a false positive lifted is told. */
    public static final String UNMUTED = "An admin reviewed your blocked message and found it was fine:"
            + " the strike is withdrawn and you are no longer muted from the bot here.";
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

    /**
     * A checked action: what it will do, in words for the audit log and the admin, and the changes
     * that do it, applied in order.
     */
    public record Plan(String detail, List<Change> changes) {

        public Plan {
            Objects.requireNonNull(detail, "detail");
            changes = List.copyOf(changes);
        }

        /** This plan with {@code more} said after its detail and made after its changes. */
        Plan and(String more, List<Change> moreChanges) {
            List<Change> all = new ArrayList<>(changes);
            all.addAll(moreChanges);
            return new Plan(detail + more, all);
        }
    }

    /**
     * One change of a plan and how to take it back, should a later one fail; a notice already
     * sent cannot be taken back, so notices come last.
     */
    public record Change(Runnable apply, Runnable undo) {

        public Change {
            Objects.requireNonNull(apply, "apply");
            Objects.requireNonNull(undo, "undo");
        }
    }

    /** The plan for {@code decision} on {@code item} by {@code by} at {@code now}, or a one-line refusal. */
    public Result plan(ReviewItem item, Decision decision, String by, Instant now) {
        return switch (decision.action()) {
            case FALSE_POSITIVE -> withdrawStrike(item, decision.allowTerm() != null
                    ? allowTerm(item, decision.allowTerm()) : raiseThreshold(item));
            case CONFIRM -> ok("confirmed");
            case WARN -> ok("warned user " + item.authorId(), notice(item, WARNING));
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

    private static Result ok(String detail, Change... changes) {
        return new Planned(new Plan(detail, List.of(changes)));
    }

    private static Result refuse(String text) {
        return new Refusal(text);
    }

    private Change notice(ReviewItem item, String text) {
        return new Change(() -> notices.tell(item, text), () -> { });
    }

    /** The settings of {@code scope} changed by {@code change}, read when applied; undone by saving them back as they were. */
    private Change settingsChange(ReviewItem item, UnaryOperator<ScopeSettings> change) {
        AtomicReference<@Nullable ScopeSettings> before = new AtomicReference<>();
        return new Change(() -> {
            ScopeSettings current = settings.load(item.scope()); // read when applied, so a change made meanwhile is kept
            before.set(current);
            settings.save(item.scope(), change.apply(current));
            policies.invalidate(item.scope());
        }, () -> {
            ScopeSettings was = before.get();
            if (was != null) {
                settings.save(item.scope(), was);
                policies.invalidate(item.scope());
            }
        });
    }

    /**
     * A false positive also takes back the strike the block gave its author, and the mute that
     * strike led to; an author who was told of the mute is told it is lifted.
     */
    private Result withdrawStrike(ReviewItem item, Result fixed) {
        if (!(fixed instanceof Planned(Plan plan))) {
            return fixed;
        }
        Optional<StrikeWithdrawal> withdrawal = item.direction() == Direction.INPUT
                ? access.strikes().withdrawal(item.scope(), item.authorId(), item.messageId()) : Optional.empty();
        if (withdrawal.isEmpty()) {
            return fixed;
        }
        StrikeWithdrawal taken = withdrawal.get();
        Change strike = new Change(() -> {
            access.strikes().withdraw(taken);
            access.changed(item.scope(), item.authorId());
        }, () -> access.strikes().restore(taken));
        if (!taken.liftsMute()) {
            return new Planned(plan.and(", strike withdrawn", List.of(strike)));
        }
        return new Planned(plan.and(", strike withdrawn, mute lifted", List.of(strike, notice(item, UNMUTED))));
    }

    private Result allowTerm(ReviewItem item, String typed) {
        // stored lower-cased, as /moderation terms does
        String term = typed.strip().toLowerCase(Locale.ROOT);
        if (term.isEmpty() || term.length() > MAX_TERM_LENGTH) {
            return refuse("An allowed term has 1 to " + MAX_TERM_LENGTH + " characters.");
        }
        return ok("allowed term \"" + term + "\"", settingsChange(item, current -> current.withAllowedTerm(term)));
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
            return ok(category.get().apiName() + " threshold already " + before.threshold());
        }
        return ok(category.get().apiName() + " threshold " + above.toPlainString(), settingsChange(item,
                current -> current.withCategory(category.get(), new CategorySetting(before.action(), threshold))));
    }

    private Result mute(ReviewItem item, Decision decision, String by, Instant now) {
        Instant until = now.plus(decision.mute());
        Optional<Mute> earlier = access.mutes().active(item.scope(), item.authorId());
        return ok("muted user " + item.authorId() + " for " + DurationWords.format(decision.mute()) + " until "
                + AccessControl.until(until), new Change(() -> {
                    access.mutes().mute(item.scope(), item.authorId(), until,
                            "muted by an admin after review " + item.id(), by);
                    access.changed(item.scope(), item.authorId());
                }, () -> {
                    access.mutes().unmute(item.scope(), item.authorId());
                    earlier.ifPresent(m -> access.mutes().mute(m.scope(), m.userId(), m.until(), m.reason(), m.by()));
                }));
    }

    private Result ban(ReviewItem item, String by, Instant now) {
        Optional<AccessEntry> earlier = access.lists().entries(item.scope()).stream()
                .filter(e -> e.kind() == AccessKind.USER && e.targetId().equals(item.authorId())).findFirst();
        return ok("blocked user " + item.authorId() + " from the bot", new Change(() -> {
            access.lists().put(item.scope(), new AccessEntry(AccessKind.USER, item.authorId(), AccessMode.BLOCK,
                    "after review " + item.id() + " of a blocked message", by, now));
            access.changed(item.scope(), item.authorId());
        }, () -> earlier.ifPresentOrElse(e -> access.lists().put(item.scope(), e),
                () -> access.lists().remove(item.scope(), AccessKind.USER, item.authorId()))));
    }
}
