package dev.parley.core.command;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.feedback.Exchange;
import dev.parley.core.feedback.InMemoryFeedbackConsent;
import dev.parley.core.feedback.InMemoryFeedbackLog;
import dev.parley.core.feedback.ModelNames;
import dev.parley.core.feedback.Vote;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import org.junit.jupiter.api.Test;

class FeedbackCommandsTest {

    private static final ScopeKey SCOPE = ScopeKey.of(GENERAL);

    private final FakeClock clock = new FakeClock();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final InMemoryFeedbackConsent consent = new InMemoryFeedbackConsent();
    private final InMemoryFeedbackLog log = new InMemoryFeedbackLog();
    private final CommandService service = CommandServiceParts.required(new InMemorySettingsStore(), audit, clock)
            .feedback(consent, log).build();

    private String run(Author author, String text) {
        return service.handle(CommandLine.parse(text), message(GENERAL, author, text, true));
    }

    @Test
    void feedback_isOffByDefaultAndAnAdminTurnsItOnAndOffAudited() {
        assertThat(run(ALICE, "/bot feedback")).startsWith("Feedback in this server: off.");

        assertThat(run(ADMIN, "/bot feedback on")).startsWith("Feedback in this server is now on");
        assertThat(consent.enabled(SCOPE)).isTrue();
        assertThat(run(ADMIN, "/bot feedback on")).isEqualTo("Feedback in this server was already on.");
        assertThat(run(ALICE, "/bot feedback show")).startsWith("Feedback in this server: on.")
                .contains("0 answers recorded, 0 👍, 0 👎");
        assertThat(run(ADMIN, "/bot feedback off")).startsWith("Feedback in this server is now off");

        assertThat(audit.recent(SCOPE, 10)).extracting(AuditEntry::action, AuditEntry::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bot.feedback", "off"),
                        org.assertj.core.groups.Tuple.tuple("bot.feedback", "on"));
    }

    @Test
    void feedback_aMemberCannotTurnItOnOrOff() {
        assertThat(run(ALICE, "/bot feedback on")).isEqualTo("Only admins of this server can turn feedback on or off.");
        assertThat(consent.enabled(SCOPE)).isFalse();
        assertThat(audit.recent(SCOPE, 10)).isEmpty();
    }

    @Test
    void feedback_anyoneOptsOutDeletingWhatWasKeptOfThemAndOptsBackIn() {
        consent.setEnabled(SCOPE, true, "admin", clock.instant());
        long asked = log.record(new Exchange(GENERAL.platform(), "guild-1", "general", "general", "alice", "900",
                "Be kind.", "hi", "hello", new ModelNames("m", ""), "", clock.instant()));
        long other = log.record(new Exchange(GENERAL.platform(), "guild-1", "general", "general", "bob", "901",
                "Be kind.", "hi", "hello", new ModelNames("m", ""), "", clock.instant()));
        log.vote(other, "alice", Vote.UP, clock.instant());

        assertThat(run(ALICE, "/bot feedback optout")).startsWith("You opted out of feedback in this server")
                .contains("2 records of yours were deleted");
        assertThat(consent.optedOut(SCOPE, "alice")).isTrue();
        assertThat(log.exchanges()).extracting(Exchange::authorId).containsExactly("bob");
        assertThat(log.voteOf(other, "alice")).isEmpty();
        assertThat(log.voteOf(asked, "alice")).isEmpty();
        assertThat(run(ALICE, "/bot feedback optout")).isEqualTo("You had already opted out of feedback in this server.");
        assertThat(run(ALICE, "/bot feedback")).contains("You opted out");

        assertThat(run(ALICE, "/bot feedback optin")).startsWith("You opted back in");
        assertThat(consent.optedOut(SCOPE, "alice")).isFalse();
        assertThat(audit.recent(SCOPE, 10)).extracting(AuditEntry::action)
                .containsExactly("bot.feedback.optin", "bot.feedback.optout");
    }

    @Test
    void feedback_badInputGetsTheUsage() {
        assertThat(run(ADMIN, "/bot feedback maybe")).isEqualTo(FeedbackCommands.USAGE);
        assertThat(run(ADMIN, "/bot feedback on now")).isEqualTo(FeedbackCommands.USAGE);
    }

    @Test
    void feedback_withoutStoresSaysItIsNotKept() {
        CommandService without = CommandServiceParts.required(new InMemorySettingsStore(), audit, clock).build();

        assertThat(without.handle(CommandLine.parse("/bot feedback"), message(GENERAL, ADMIN, "/bot feedback", true)))
                .isEqualTo(FeedbackCommands.UNAVAILABLE);
    }
}
