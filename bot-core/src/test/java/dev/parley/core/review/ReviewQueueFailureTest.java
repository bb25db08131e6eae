package dev.parley.core.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.access.AccessControl;
import dev.parley.core.access.StrikePolicy;
import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.audit.BlockReport;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryScores;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.moderation.Verdict;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import dev.parley.core.testing.Messages;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** An action that fails after its item was claimed: undone, the claim given back, the admin told. */
class ReviewQueueFailureTest {

    private static final ScopeKey SCOPE = ScopeKey.of(Messages.GENERAL);
    private static final Reviewer ADMIN = new Reviewer("admin", true);
    private static final Reviewer OTHER_ADMIN = new Reviewer("admin-2", true);

    /** The audit log, failing while {@link #failing} is set, as a database that stops answering would. */
    private final AtomicBoolean failing = new AtomicBoolean();
    private final InMemoryAuditLog kept = new InMemoryAuditLog();
    private final AuditLog audit = new AuditLog() {
        @Override
        public void record(AuditEntry entry) {
            if (failing.get() && entry.action().startsWith("review.")) {
                throw new IllegalStateException("audit log down");
            }
            kept.record(entry);
        }

        @Override
        public List<AuditEntry> recent(ScopeKey scope, int limit) {
            return kept.recent(scope, limit);
        }
    };
    private final AtomicBoolean noticesFail = new AtomicBoolean();
    private final FakeClock clock = new FakeClock();
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final ModerationPolicies policies = new ModerationPolicies(settings,
            new ModerationDefaults(List.of(), Set.of(Direction.INPUT), "in", "out"), new TextNormaliser());
    private final AccessControl access = AccessControl.inMemory(kept, clock);
    private final InMemoryReviewStore store = new InMemoryReviewStore();
    private final ReviewQueue queue = new ReviewQueue(store, new ReviewEffects(settings, policies, access, (item, text) -> {
        if (noticesFail.get()) {
            throw new IllegalStateException("platform refused the notice");
        }
    }), audit, clock, new Random(7));

    private String open() {
        return queue.open(new BlockReport(clock.instant(), SCOPE, Messages.GENERAL, "mods", "alice", "m-1",
                Direction.INPUT, "violence", "lexicon", CategoryScores.none().with(Category.VIOLENCE, 0.8234),
                "0123456789abcdef", null));
    }

    @Test
    void resolve_theAuditFailingUndoesTheBanAndGivesTheItemBack() {
        String id = open();
        failing.set(true);

        ReviewOutcome outcome = queue.resolve(SCOPE, id, Decision.of(ReviewAction.BAN), ADMIN);

        assertThat(outcome).isEqualTo(new ReviewOutcome.Failed(id, true));
        assertThat(outcome.text()).isEqualTo("Review " + id
                + " could not be resolved: its action failed and was undone; it is still pending, try again.");
        assertThat(access.lists().entries(SCOPE)).isEmpty();
        assertThat(queue.find(id).orElseThrow().pending()).isTrue();

        failing.set(false);
        assertThat(queue.resolve(SCOPE, id, Decision.of(ReviewAction.CONFIRM), OTHER_ADMIN))
                .isInstanceOf(ReviewOutcome.Resolved.class);
        assertThat(kept.recent(SCOPE, 10)).extracting(AuditEntry::action).containsExactly("review.confirm");
    }

    @Test
    void resolve_aFailedFalsePositiveRestoresTheThresholdTheStrikeAndTheMute() {
        Verdict.Block violence = new Verdict.Block("lexicon", "violence", "listed term");
        access.strikes().setPolicy(SCOPE, new StrikePolicy(1, Duration.ofHours(24), Duration.ofHours(1)));
        access.strikes().strike(SCOPE, "alice", "m-1", violence).orElseThrow();
        String id = open();
        double threshold = policies.forScope(SCOPE).setting(Category.VIOLENCE).threshold();
        noticesFail.set(true); // the last change: telling alice her mute is lifted

        ReviewOutcome outcome = queue.resolve(SCOPE, id, Decision.of(ReviewAction.FALSE_POSITIVE), ADMIN);

        assertThat(outcome).isInstanceOf(ReviewOutcome.Failed.class);
        assertThat(policies.forScope(SCOPE).setting(Category.VIOLENCE).threshold()).isEqualTo(threshold);
        assertThat(access.strikes().withdrawal(SCOPE, "alice", "m-1")).as("the strike is kept")
                .hasValueSatisfying(w -> assertThat(w.strike().messageId()).isEqualTo("m-1"));
        assertThat(access.mutes().active(SCOPE, "alice")).isPresent();
        assertThat(queue.pending(SCOPE, 10)).extracting(ReviewItem::id).containsExactly(id);
        assertThat(kept.recent(SCOPE, 10)).extracting(AuditEntry::action).doesNotContain("review.false-positive");
    }

    @Test
    void resolve_aClaimThatCannotBeGivenBackSaysSo() {
        String id = open();
        failing.set(true);
        ReviewStore stuck = new ReviewStore() {
            @Override
            public boolean add(ReviewItem item) {
                return store.add(item);
            }

            @Override
            public java.util.Optional<ReviewItem> find(String wanted) {
                return store.find(wanted);
            }

            @Override
            public List<ReviewItem> pending(ScopeKey scope, int limit) {
                return store.pending(scope, limit);
            }

            @Override
            public List<ReviewItem> resolved(ScopeKey scope, int limit) {
                return store.resolved(scope, limit);
            }

            @Override
            public boolean resolve(String wanted, Resolution how) {
                return store.resolve(wanted, how);
            }

            @Override
            public boolean release(String wanted, Resolution how) {
                throw new IllegalStateException("database down");
            }

            @Override
            public int purgeResolvedBefore(java.time.Instant before) {
                return store.purgeResolvedBefore(before);
            }
        };
        var queue = new ReviewQueue(stuck, new ReviewEffects(settings, policies, access, (item, text) -> { }), audit,
                clock, new Random(7));

        ReviewOutcome outcome = queue.resolve(SCOPE, id, Decision.of(ReviewAction.MUTE), ADMIN);

        assertThat(outcome).isEqualTo(new ReviewOutcome.Failed(id, false));
        assertThat(outcome.text()).contains("/review show " + id);
        assertThat(access.mutes().active(SCOPE, "alice")).isEmpty();
    }
}
