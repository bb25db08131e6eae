package dev.parley.core.review;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.audit.BlockReport;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocks reported to audit channels, waiting for an admin. Each becomes an item with a short
 * id; an admin resolves it once: the store claims it atomically, then the action is applied and
 * audited as {@code review.<action>}. A second admin, or the same one pressing twice, is told who
 * resolved it and when. An action that fails after the claim is undone and the claim given back,
 * so that nothing is half applied and another admin can act.
 */
public final class ReviewQueue {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewQueue.class);
    private static final String ID_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"; // none that read alike
    private static final int ID_LENGTH = 6;
    private static final int ID_ATTEMPTS = 8;

    private final ReviewStore store;
    private final ReviewEffects effects;
    private final AuditLog audit;
    private final InstantSource clock;
    private final RandomGenerator random;

    public ReviewQueue(ReviewStore store, ReviewEffects effects, AuditLog audit, InstantSource clock,
            RandomGenerator random) {
        this.store = Objects.requireNonNull(store, "store");
        this.effects = Objects.requireNonNull(effects, "effects");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Keeps {@code report} as a pending item, with no more of the text than the report shows (its
     * hash, and the redacted excerpt where the scope's policy asks for one); returns its id.
     */
    public String open(BlockReport report) {
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            ReviewItem item = new ReviewItem(newId(), report.at(), report.scope(), report.location(), report.authorId(),
                    report.messageId(), report.direction(), report.category(), report.rule(), report.scores(),
                    report.sha256(), report.excerpt(), null);
            if (store.add(item)) {
                return item.id();
            }
        }
        throw new IllegalStateException("no free review id after " + ID_ATTEMPTS + " attempts");
    }

    /** The item {@code id}, in any scope: adapters find the scope whose admins may resolve it. */
    public Optional<ReviewItem> find(String id) {
        return store.find(id);
    }

    /** The scope's pending items, oldest first. */
    public List<ReviewItem> pending(ScopeKey scope, int limit) {
        return store.pending(scope, limit);
    }

    /** The scope's resolved items, most recently resolved first. */
    public List<ReviewItem> resolved(ScopeKey scope, int limit) {
        return store.resolved(scope, limit);
    }

    /**
     * Resolves item {@code id} of {@code scope} as {@code decision}, if {@code reviewer} is one of
     * its admins and nobody resolved it first.
     */
    public ReviewOutcome resolve(ScopeKey scope, String id, Decision decision, Reviewer reviewer) {
        if (!reviewer.admin()) {
            return new ReviewOutcome.Refused("Only admins of this chat or server can resolve reviews.");
        }
        Optional<ReviewItem> found = store.find(id).filter(item -> item.scope().equals(scope));
        if (found.isEmpty()) {
            return new ReviewOutcome.NotFound(id);
        }
        ReviewItem item = found.get();
        if (!item.pending()) {
            return new ReviewOutcome.AlreadyResolved(item);
        }
        Instant now = clock.instant();
        ReviewEffects.Plan plan;
        switch (effects.plan(item, decision, reviewer.id(), now)) {
            case ReviewEffects.Refusal refusal -> {
                return new ReviewOutcome.Refused(refusal.text());
            }
            case ReviewEffects.Planned planned -> plan = planned.plan();
        }
        Resolution how = new Resolution(decision.action(), reviewer.id(), now, plan.detail());
        if (!store.resolve(id, how)) {
            // another admin claimed it between our read and our update
            return new ReviewOutcome.AlreadyResolved(store.find(id).orElse(item));
        }
        try {
            apply(plan, () -> audit.record(new AuditEntry(now, scope, reviewer.id(), "review." + decision.action().typed(),
                    "item=" + id + " author=" + item.authorId() + " category=" + item.category() + " sha256="
                            + item.hash() + " " + plan.detail())));
        } catch (RuntimeException e) {
            LOG.warn("scope={} review={} action={} failed after its claim, undone: {}", scope, id,
                    decision.action().typed(), e.toString());
            return new ReviewOutcome.Failed(id, release(id, how));
        }
        return new ReviewOutcome.Resolved(item.resolved(how), decision.action().typed() + ", " + plan.detail());
    }

    /**
     * Makes {@code plan}'s changes in order, then {@code audited}; if one throws, the changes made
     * (the one that threw included, as it may have half happened) are undone in reverse order and
     * the failure is rethrown.
     */
    private static void apply(ReviewEffects.Plan plan, Runnable audited) {
        Deque<ReviewEffects.Change> made = new ArrayDeque<>();
        try {
            for (ReviewEffects.Change change : plan.changes()) {
                made.push(change);
                change.apply().run();
            }
            audited.run();
        } catch (RuntimeException failure) {
            while (!made.isEmpty()) {
                try {
                    made.pop().undo().run();
                } catch (RuntimeException undo) {
                    failure.addSuppressed(undo);
                }
            }
            throw failure;
        }
    }

    private boolean release(String id, Resolution how) {
        try {
            return store.release(id, how);
        } catch (RuntimeException e) {
            LOG.warn("review={} claim not released: {}", id, e.toString());
            return false;
        }
    }

    private String newId() {
        StringBuilder id = new StringBuilder(ID_LENGTH);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_LETTERS.charAt(random.nextInt(ID_LETTERS.length())));
        }
        return id.toString();
    }
}
