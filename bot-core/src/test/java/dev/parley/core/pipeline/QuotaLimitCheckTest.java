package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
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
import dev.parley.core.testing.FakeClock;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuotaLimitCheckTest {

    private final Quotas quotas = new Quotas(
            new QuotaLimits(Map.of(new Budget(QuotaLevel.USER, QuotaUnit.MESSAGES, QuotaPeriod.DAY), 1L)),
            ZoneId.of("UTC"), new InMemoryQuotaRules(), new InMemoryUsageLedger(), new FakeClock(), QuotaEvents.NONE);
    private final QuotaLimit check = new QuotaLimit(quotas);

    @Test
    void decide_withinBudget_passes() {
        assertThat(check.decide(mention(ALICE, "one"), new RecordingReplySink())).isEqualTo(AdmissionCheck.PASS);
    }

    @Test
    void decide_budgetUsedUp_isRefusedWithTheQuotasNotice() {
        quotas.charge(mention(ALICE, "one"), 3);
        RecordingReplySink sink = new RecordingReplySink();

        Outcome outcome = check.decide(mention(ALICE, "two"), sink).orElseThrow();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.OverQuota.class, over -> assertThat(sink.notices())
                .containsExactly(new Notice(Notice.Kind.OVER_QUOTA, over.notice())));
    }
}
