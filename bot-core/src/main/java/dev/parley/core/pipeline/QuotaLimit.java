package dev.parley.core.pipeline;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.quota.QuotaRefusal;
import dev.parley.core.quota.Quotas;
import java.util.Optional;

/** Refuses a message whose author, channel or server has used up a daily or monthly budget, saying which and until when. */
final class QuotaLimit implements AdmissionCheck {

    private final Quotas quotas;

    QuotaLimit(Quotas quotas) {
        this.quotas = quotas;
    }

    @Override
    public String name() {
        return "quotas";
    }

    @Override
    public Optional<Outcome> decide(InboundMessage message, ReplySink sink) {
        QuotaRefusal overBudget = quotas.check(message).orElse(null);
        if (overBudget == null) {
            return PASS;
        }
        sink.notice(new Notice(Notice.Kind.OVER_QUOTA, overBudget.notice()));
        return Optional.of(new Outcome.OverQuota(overBudget.notice()));
    }
}
