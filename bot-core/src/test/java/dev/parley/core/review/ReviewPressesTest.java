package dev.parley.core.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.access.AccessControl;
import dev.parley.core.audit.BlockReport;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryScores;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import dev.parley.core.testing.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReviewPressesTest {

    private static final ScopeKey SCOPE = ScopeKey.of(Messages.GENERAL);

    private final FakeClock clock = new FakeClock();
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final ModerationPolicies policies = new ModerationPolicies(settings,
            new ModerationDefaults(List.of(), Set.of(Direction.INPUT), "in", "out"), new TextNormaliser());
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final ReviewQueue queue = new ReviewQueue(new InMemoryReviewStore(),
            new ReviewEffects(settings, policies, AccessControl.inMemory(audit, clock), (item, text) -> { }),
            audit, clock, new Random(7));
    private final ReviewPresses presses = new ReviewPresses(queue);

    private String openItem() {
        return queue.open(new BlockReport(clock.instant(), SCOPE, Messages.GENERAL, "mods", "alice", "m-1",
                Direction.INPUT, "violence", "lexicon", CategoryScores.none().with(Category.VIOLENCE, 0.8),
                "0123456789abcdef", null));
    }

    private static ReviewButton.Press press(String id, String code) {
        return ReviewButton.parse(ReviewButton.PREFIX + id + ":" + code).orElseThrow();
    }

    @Test
    void parse_readsTheDataEachButtonWrites() {
        for (ReviewButton button : ReviewButton.ALL) {
            assertThat(ReviewButton.parse(button.data("abc"))).contains(new ReviewButton.Press("abc", button));
        }
    }

    @Test
    void parse_anotherFeaturesDataIsNoPress() {
        assertThat(ReviewButton.parse("regenerate:abc")).isEmpty();
        assertThat(ReviewButton.parse("review:abc:nosuch")).isEmpty();
        assertThat(ReviewButton.parse("review:abc")).isEmpty();
        assertThat(ReviewButton.parse("xreview:abc:ban")).isEmpty();
    }

    @Test
    void press_anAdminWhereTheItemBelongsResolvesIt() {
        String id = openItem();

        ReviewOutcome outcome = presses.press(press(id, "confirm"), "ada", item -> true, item -> true);

        assertThat(outcome).isInstanceOf(ReviewOutcome.Resolved.class);
        assertThat(ReviewPresses.resolvedLine("@ada", (ReviewOutcome.Resolved) outcome))
                .isEqualTo("Resolved by @ada: " + ((ReviewOutcome.Resolved) outcome).summary() + ".");
        assertThat(queue.find(id).orElseThrow().resolution()).isNotNull();
    }

    @Test
    void press_elsewhereIsNotFoundAndTheItemStaysPending() {
        String id = openItem();

        ReviewOutcome outcome = presses.press(press(id, "ban"), "ada", item -> false, item -> true);

        assertThat(ReviewPresses.answer(outcome)).isEqualTo("There is no review item " + id + " here.");
        assertThat(queue.find(id).orElseThrow().resolution()).isNull();
    }

    @Test
    void press_anUnknownItemIsNotFound() {
        assertThat(ReviewPresses.answer(presses.press(press("nosuch", "warn"), "ada", item -> true, item -> true)))
                .isEqualTo("There is no review item nosuch here.");
    }

    @Test
    void press_theAdminCheckIsAskedForTheItemAndANonAdminIsRefused() {
        String id = openItem();
        List<ScopeKey> asked = new ArrayList<>();

        ReviewOutcome outcome = presses.press(press(id, "ban"), "bob", item -> true, item -> {
            asked.add(item.scope());
            return false;
        });

        assertThat(outcome).isInstanceOf(ReviewOutcome.Refused.class);
        assertThat(asked).containsExactly(SCOPE);
        assertThat(queue.find(id).orElseThrow().resolution()).isNull();
    }
}
