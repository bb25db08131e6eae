package dev.parley.core.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.access.AccessControl;
import dev.parley.core.access.Mute;
import dev.parley.core.access.Strike;
import dev.parley.core.access.StrikePolicy;
import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.BlockReport;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.InboundMessage;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ReviewQueueTest {

    private static final ScopeKey SCOPE = ScopeKey.of(Messages.GENERAL);
    private static final Reviewer ADMIN = new Reviewer("admin", true);
    private static final Reviewer OTHER_ADMIN = new Reviewer("admin-2", true);

    private final FakeClock clock = new FakeClock();
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final ModerationPolicies policies = new ModerationPolicies(settings,
            new ModerationDefaults(List.of(), Set.of(Direction.INPUT), "in", "out"), new TextNormaliser());
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final AccessControl access = AccessControl.inMemory(audit, clock);
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final ReviewQueue queue = new ReviewQueue(new InMemoryReviewStore(),
            new ReviewEffects(settings, policies, access, (item, text) -> notices.add(item.authorId() + ": " + text)),
            audit, clock, new Random(7));

    private String openViolence(double score, String excerpt) {
        return queue.open(report("violence", CategoryScores.none().with(Category.VIOLENCE, score), excerpt));
    }

    private BlockReport report(String category, CategoryScores scores, String excerpt) {
        return new BlockReport(clock.instant(), SCOPE, Messages.GENERAL, "mods", "alice", "m-1", Direction.INPUT,
                category, "lexicon", scores, "0123456789abcdef", excerpt);
    }

    @Test
    void resolve_onceOnly_theSecondAdminIsToldWhoAndWhen() {
        String id = openViolence(0.8, null);

        ReviewOutcome first = queue.resolve(SCOPE, id, Decision.of(ReviewAction.CONFIRM), ADMIN);
        clock.advance(Duration.ofMinutes(1));
        ReviewOutcome second = queue.resolve(SCOPE, id, Decision.of(ReviewAction.BAN), OTHER_ADMIN);

        assertThat(first).isInstanceOf(ReviewOutcome.Resolved.class);
        assertThat(second.text()).isEqualTo("Review " + id + " was already resolved by admin at 2026-01-01 00:00:00 UTC (confirm).");
        assertThat(access.lists().entries(SCOPE)).as("the second action was not applied").isEmpty();
        assertThat(audit.recent(SCOPE, 10)).extracting(AuditEntry::action).containsExactly("review.confirm");
    }

    @Test
    void resolve_twoAdminsAtOnce_exactlyOneResolves() throws Exception {
        String id = openViolence(0.8, null);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ReviewOutcome>> presses = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Reviewer admin : List.of(ADMIN, OTHER_ADMIN)) {
                presses.add(threads.submit(() -> {
                    start.await();
                    return queue.resolve(SCOPE, id, Decision.of(ReviewAction.WARN), admin);
                }));
            }
            start.countDown();
            List<ReviewOutcome> outcomes = new ArrayList<>();
            for (Future<ReviewOutcome> press : presses) {
                outcomes.add(press.get());
            }
            assertThat(outcomes).filteredOn(o -> o instanceof ReviewOutcome.Resolved).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof ReviewOutcome.AlreadyResolved).hasSize(1);
        }
        assertThat(notices).hasSize(1);
    }

    @Test
    void resolve_aNonAdminIsRefusedAndTheItemStaysPending() {
        String id = openViolence(0.8, null);

        ReviewOutcome outcome = queue.resolve(SCOPE, id, Decision.of(ReviewAction.BAN), new Reviewer("bob", false));

        assertThat(outcome.text()).isEqualTo("Only admins of this chat or server can resolve reviews.");
        assertThat(queue.pending(SCOPE, 10)).extracting(ReviewItem::id).containsExactly(id);
        assertThat(audit.recent(SCOPE, 10)).isEmpty();
    }

    @Test
    void resolve_anItemOfAnotherScopeIsNotFound() {
        String id = openViolence(0.8, null);

        ReviewOutcome outcome = queue.resolve(ScopeKey.of(Messages.OTHER_GUILD), id, Decision.of(ReviewAction.CONFIRM), ADMIN);

        assertThat(outcome).isInstanceOf(ReviewOutcome.NotFound.class);
        assertThat(queue.find(id).orElseThrow().pending()).isTrue();
    }

    @Test
    void falsePositive_raisesTheCategoryThresholdJustAboveTheScore() {
        String id = openViolence(0.8234, null);

        ReviewOutcome outcome = queue.resolve(SCOPE, id, Decision.of(ReviewAction.FALSE_POSITIVE), ADMIN);

        assertThat(outcome.text()).isEqualTo("Review " + id + " resolved: false-positive, violence threshold 0.83.");
        assertThat(policies.forScope(SCOPE).setting(Category.VIOLENCE).threshold()).isEqualTo(0.83);
        assertThat(audit.recent(SCOPE, 1).getFirst().detail()).contains("item=" + id).contains("violence threshold 0.83")
                .doesNotContain("alice said");
    }

    @Test
    void falsePositive_withdrawsTheBlocksStrikeAndLiftsTheMuteItCrossedTheThresholdTo() {
        Verdict.Block violence = new Verdict.Block("lexicon", "violence", "listed term");
        access.strikes().strike(SCOPE, "alice", "m-0", violence);
        access.strikes().strike(SCOPE, "alice", "m-00", violence);
        clock.advance(Duration.ofMinutes(1));
        Mute mute = access.strikes().strike(SCOPE, "alice", "m-1", violence).orElseThrow(); // the third, in m-1
        String id = openViolence(0.8234, null);

        ReviewOutcome outcome = queue.resolve(SCOPE, id, Decision.of(ReviewAction.FALSE_POSITIVE), ADMIN);

        assertThat(outcome.text()).isEqualTo("Review " + id
                + " resolved: false-positive, violence threshold 0.83, strike withdrawn, mute lifted.");
        assertThat(access.strikes().current(SCOPE, "alice")).extracting(Strike::messageId)
                .containsExactly("m-0", "m-00");
        assertThat(access.mutes().active(SCOPE, "alice")).as("was " + mute).isEmpty();
        assertThat(access.check(Messages.mention(Messages.ALICE, "hello"), false)).isEmpty();
        assertThat(notices).containsExactly("alice: " + ReviewEffects.UNMUTED);
        assertThat(audit.recent(SCOPE, 1).getFirst().detail()).contains("item=" + id)
                .endsWith("violence threshold 0.83, strike withdrawn, mute lifted");
    }

    @Test
    void falsePositive_keepsTheMuteOfStrikesThatReachTheThresholdWithoutIt() {
        Verdict.Block violence = new Verdict.Block("lexicon", "violence", "listed term");
        access.strikes().strike(SCOPE, "alice", "m-1", violence); // this item's strike, the first
        access.strikes().setPolicy(SCOPE, new StrikePolicy(1, Duration.ofHours(24), Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(1));
        access.strikes().strike(SCOPE, "alice", "m-2", violence).orElseThrow(); // mutes on its own
        String id = openViolence(0.8234, null);

        ReviewOutcome outcome = queue.resolve(SCOPE, id, Decision.of(ReviewAction.FALSE_POSITIVE), ADMIN);

        assertThat(outcome.text()).endsWith("violence threshold 0.83, strike withdrawn.");
        assertThat(access.mutes().active(SCOPE, "alice")).isPresent();
        assertThat(notices).isEmpty();
    }

    @Test
    void falsePositive_aBlockThatGaveNoStrikeWithdrawsNothing() {
        String id = openViolence(0.8234, null);

        ReviewOutcome outcome = queue.resolve(SCOPE, id, Decision.of(ReviewAction.FALSE_POSITIVE), ADMIN);

        assertThat(outcome.text()).isEqualTo("Review " + id + " resolved: false-positive, violence threshold 0.83.");
    }

    @Test
    void confirm_leavesTheStrikeAndTheMute() {
        Verdict.Block violence = new Verdict.Block("lexicon", "violence", "listed term");
        access.strikes().setPolicy(SCOPE, new StrikePolicy(1, Duration.ofHours(24), Duration.ofHours(1)));
        access.strikes().strike(SCOPE, "alice", "m-1", violence).orElseThrow();
        String id = openViolence(0.9, null);

        queue.resolve(SCOPE, id, Decision.of(ReviewAction.CONFIRM), ADMIN);

        assertThat(access.mutes().active(SCOPE, "alice")).isPresent();
        assertThat(access.strikes().withdrawal(SCOPE, "alice", "m-1")).isPresent();
    }

    @Test
    void falsePositive_withATermAllowsItHere() {
        String id = openViolence(0.9, null);

        queue.resolve(SCOPE, id, new Decision(ReviewAction.FALSE_POSITIVE, "Kill Process", null), ADMIN);

        assertThat(settings.load(SCOPE).allowedTerms()).containsExactly("kill process");
    }

    @Test
    void falsePositive_aScoreOfOneCannotBeOutgrownAndTheItemStaysPending() {
        String id = openViolence(1.0, null);

        ReviewOutcome outcome = queue.resolve(SCOPE, id, Decision.of(ReviewAction.FALSE_POSITIVE), ADMIN);

        assertThat(outcome).isInstanceOf(ReviewOutcome.Refused.class);
        assertThat(outcome.text()).contains("no threshold lets it pass").contains("false-positive <term>");
        assertThat(queue.find(id).orElseThrow().pending()).isTrue();
    }

    @Test
    void mute_mutesTheAuthorUntilTheClockPassesIt() {
        String id = openViolence(0.9, null);
        InboundMessage next = Messages.mention(Messages.ALICE, "hello");

        queue.resolve(SCOPE, id, new Decision(ReviewAction.MUTE, null, Duration.ofHours(2)), ADMIN);

        assertThat(access.check(next, false)).hasValueSatisfying(d -> assertThat(d.notice())
                .isEqualTo("You are muted from the bot here until 2026-01-01 02:00:00 UTC: muted by an admin after review "
                        + id + "."));
        clock.advance(Duration.ofHours(2));
        assertThat(access.check(next, false)).isEmpty();
        assertThat(audit.recent(SCOPE, 1).getFirst().action()).isEqualTo("review.mute");
    }

    @Test
    void ban_blocksTheAuthorFromTheBotHere() {
        String id = openViolence(0.9, null);

        queue.resolve(SCOPE, id, Decision.of(ReviewAction.BAN), ADMIN);

        assertThat(access.check(Messages.mention(Messages.ALICE, "hello"), false)).isPresent();
        assertThat(access.check(Messages.mention(Messages.BOB, "hello"), false)).isEmpty();
    }

    @Test
    void warn_tellsTheAuthor() {
        String id = openViolence(0.9, null);

        queue.resolve(SCOPE, id, Decision.of(ReviewAction.WARN), ADMIN);

        assertThat(notices).containsExactly("alice: " + ReviewEffects.WARNING);
    }

    @Test
    void reviewingReports_keepTheItemAndPostItsId() {
        List<BlockReport> posted = new ArrayList<>();
        var reports = new ReviewingBlockReports(queue, posted::add);

        reports.report(report("violence", CategoryScores.none().with(Category.VIOLENCE, 0.9), "how do I *** it"));
        reports.report(report("violence", CategoryScores.none().with(Category.VIOLENCE, 0.9), null));

        assertThat(posted).extracting(BlockReport::reviewId).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(queue.find(posted.get(0).reviewId()).orElseThrow().excerpt()).isEqualTo("how do I *** it");
        assertThat(queue.find(posted.get(1).reviewId()).orElseThrow().excerpt()).isNull();
        assertThat(posted.get(0).reviewId()).matches("[a-z2-9]{6}");
    }

    @Test
    void export_writesTheLabelAndNeverTheTextOfAHashOnlyScope() {
        String kept = openViolence(0.9, "how do I \"***\" a process");
        String hashOnly = openViolence(0.9, null);
        queue.resolve(SCOPE, kept, Decision.of(ReviewAction.FALSE_POSITIVE), ADMIN);
        clock.advance(Duration.ofSeconds(1));
        queue.resolve(SCOPE, hashOnly, Decision.of(ReviewAction.CONFIRM), ADMIN);

        String[] lines = ReviewExport.lines(queue.resolved(SCOPE, 10)).split("\n");

        assertThat(lines[0]).startsWith("{\"id\":\"" + hashOnly + "\",\"sha256\":\"0123456789abcdef\",\"flagged\":true,")
                .contains("\"label\":\"confirm\"").doesNotContain("\"text\"");
        assertThat(lines[1]).startsWith("{\"id\":\"" + kept + "\",\"text\":\"how do I \\\"***\\\" a process\",")
                .contains("\"flagged\":false").contains("\"categories\":{\"violence\":false}")
                .contains("\"category_scores\":{\"violence\":0.9000}").contains("\"label\":\"false-positive\"");
        assertThat(Map.of("lines", lines.length)).containsEntry("lines", 2);
    }
}
