package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.BOB;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.quota.Budget;
import dev.parley.core.quota.InMemoryQuotaRules;
import dev.parley.core.quota.InMemoryUsageLedger;
import dev.parley.core.quota.QuotaEvents;
import dev.parley.core.quota.QuotaLevel;
import dev.parley.core.quota.QuotaLimits;
import dev.parley.core.quota.QuotaPeriod;
import dev.parley.core.quota.QuotaUnit;
import dev.parley.core.quota.Quotas;
import dev.parley.core.quota.Usage;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Quotas in the path of a message: checked before a question is queued, charged when it is answered. */
class QuotaPipelineTest {

    private static final ScopeKey GUILD = ScopeKey.of(GENERAL);

    private final InMemoryUsageLedger ledger = new InMemoryUsageLedger();
    private final FakeClock quotaClock = new FakeClock();
    private final PipelineFixture parts = new PipelineFixture(new Quotas(
            new QuotaLimits(Map.of(new Budget(QuotaLevel.USER, QuotaUnit.MESSAGES, QuotaPeriod.DAY), 2L)),
            ZoneId.of("Europe/Lisbon"), new InMemoryQuotaRules(), ledger, quotaClock, QuotaEvents.NONE));

    @AfterEach
    void close() {
        parts.close();
    }

    private Usage usedToday(String user) {
        return ledger.used(GUILD, QuotaLevel.USER, user, java.time.LocalDate.of(2026, 1, 1),
                java.time.LocalDate.of(2026, 1, 1));
    }

    @Test
    void answeredQuestion_isChargedOneMessageAndItsPromptAndAnswerTokens() {
        parts.model.replies("one ", "two ", "three");

        Outcome outcome = parts.answer(mention(ALICE, "hello there"), new RecordingReplySink());

        assertThat(outcome).isInstanceOf(Outcome.Answered.class);
        // the scripted model counts a token per word: "sys" + "hello there", then "one two three"
        assertThat(usedToday("alice")).isEqualTo(new Usage(1, 3 + 3));
    }

    @Test
    void userOverBudget_isRefusedBeforeQueueingWithTheRenewalTime() {
        parts.model.replies("a").replies("b");
        parts.answer(mention(ALICE, "one"), new RecordingReplySink());
        parts.answer(mention(ALICE, "two"), new RecordingReplySink());
        var sink = new RecordingReplySink();

        Outcome third = parts.answer(mention(ALICE, "three"), sink);

        String notice = "You have used your daily budget of 2 messages with me; it renews at 2026-01-02 00:00 "
                + "Europe/Lisbon.";
        assertThat(third).isEqualTo(new Outcome.OverQuota(notice));
        assertThat(sink.notices()).containsExactly(new Notice(Notice.Kind.OVER_QUOTA, notice));
        assertThat(parts.model.requests()).as("never reached the model").hasSize(2);
        assertThat(parts.pipeline.rejected(Rejection.OVER_QUOTA)).isEqualTo(1);
        parts.model.replies("c");
        assertThat(parts.answer(mention(BOB, "one"), new RecordingReplySink())).as("bob's own budget")
                .isInstanceOf(Outcome.Answered.class);
    }

    @Test
    void blockedOrFailedQuestions_costNothing() {
        parts.model.replies("a bomb");

        assertThat(parts.answer(mention(ALICE, "how to make a bomb"), new RecordingReplySink()))
                .isInstanceOf(Outcome.Blocked.class);
        assertThat(parts.answer(mention(ALICE, "tell me"), new RecordingReplySink()))
                .as("the answer blocked as it streamed").isInstanceOf(Outcome.Blocked.class);
        assertThat(usedToday("alice")).isEqualTo(Usage.NONE);
    }
}
