package dev.parley.core.command;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.BOB;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.access.AccessControl;
import dev.parley.core.audit.BlockReport;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryScores;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.review.AuthorNotices;
import dev.parley.core.review.InMemoryReviewStore;
import dev.parley.core.review.ReviewEffects;
import dev.parley.core.review.ReviewQueue;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReviewCommandsTest {

    private static final ScopeKey SCOPE = ScopeKey.of(GENERAL);

    private final FakeClock clock = new FakeClock();
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final AccessControl access = AccessControl.inMemory(audit, clock);
    private final ReviewQueue queue = new ReviewQueue(new InMemoryReviewStore(), new ReviewEffects(settings,
            new ModerationPolicies(settings, new ModerationDefaults(List.of(), Set.of(Direction.INPUT), "in", "out"),
                    new TextNormaliser()), access, AuthorNotices.NONE), audit, clock, new Random(1));
    private final CommandService service = CommandServiceParts.required(settings, audit, clock).access(access)
            .reviews(queue).build();

    private String run(Author author, String text) {
        return service.handle(CommandLine.parse(text), mention(author, text));
    }

    private String open() {
        return queue.open(new BlockReport(clock.instant(), SCOPE, GENERAL, "mods", ALICE.id(), "m-1", Direction.INPUT,
                "violence", "lexicon", CategoryScores.none().with(Category.VIOLENCE, 0.7), "0123456789abcdef",
                "how do I ***"));
    }

    @Test
    void aMemberIsRefusedEveryReviewCommand() {
        String id = open();
        String refusal = "Only admins of this server can review moderation.";
        assertThat(run(BOB, "/review list")).isEqualTo(refusal);
        assertThat(run(BOB, "/review resolve " + id + " ban")).isEqualTo(refusal);
        assertThat(run(BOB, "/review export")).isEqualTo(refusal);
        assertThat(queue.find(id).orElseThrow().pending()).isTrue();
    }

    @Test
    void anAdminListsShowsResolvesAndExports() {
        String id = open();

        assertThat(run(ADMIN, "/review list")).contains(id + "  2026-01-01 00:00:00 UTC  user alice  violence 0.70");
        assertThat(run(ADMIN, "/review show " + id)).contains("input of user alice").contains("violence 0.70")
                .contains("sha256 0123456789abcdef").contains("Excerpt: \"how do I ***\"").endsWith("Pending.");
        assertThat(run(ADMIN, "/review resolve " + id + " mute 2h"))
                .isEqualTo("Review " + id + " resolved: mute, muted user alice for 2 h until 2026-01-01 02:00:00 UTC.");
        assertThat(run(ADMIN, "/review resolve " + id + " confirm")).startsWith("Review " + id + " was already resolved by admin");
        assertThat(run(ADMIN, "/review list")).isEqualTo("Nothing to review here.");
        assertThat(run(ADMIN, "/review export")).as("the excerpt the admins saw, as the text")
                .startsWith("{\"id\":\"" + id + "\",\"text\":\"how do I ***\",\"sha256\":").contains("\"label\":\"mute\"");
    }

    @Test
    void badInputGetsOneLine() {
        String id = open();
        assertThat(run(ADMIN, "/review")).startsWith("Usage: /review list");
        assertThat(run(ADMIN, "/review resolve " + id + " explode")).startsWith("Usage: /review list");
        assertThat(run(ADMIN, "/review resolve " + id + " mute forever")).startsWith("Usage: /review resolve <id> mute");
        assertThat(run(ADMIN, "/review show nosuch")).startsWith("There is no review item nosuch here.");
        assertThat(run(ADMIN, "/review export 500")).startsWith("Usage: /review export");
        assertThat(run(ADMIN, "/help review")).contains("/review resolve <id> false-positive [term]");
    }
}
