package dev.parley.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.quota.Budget;
import dev.parley.core.quota.QuotaLevel;
import dev.parley.core.quota.QuotaPeriod;
import dev.parley.core.quota.QuotaUnit;
import dev.parley.core.quota.Usage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuotaMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final QuotaMeters meters = new QuotaMeters(registry);

    private static InboundMessage from(String user, String server) {
        return new InboundMessage("m", new Location(Platform.TELEGRAM, server, server, null),
                new Author(user, user, Set.of(), false, false), "hi", null, true, false, Instant.EPOCH);
    }

    @Test
    void refusalsAndChargesAreCountedPerPlatformNeverPerUserOrServer() {
        Budget budget = new Budget(QuotaLevel.USER, QuotaUnit.TOKENS, QuotaPeriod.MONTH);
        meters.refused(from("alice", "chat-1"), budget);
        meters.refused(from("bob", "chat-2"), budget);
        meters.charged(from("alice", "chat-1"), new Usage(1, 120));
        meters.charged(from("bob", "chat-2"), new Usage(1, 30));

        assertThat(registry.get("parley.quota.refusals").tags("platform", "telegram", "level", "user", "unit", "tokens",
                "period", "month").counter().count()).isEqualTo(2);
        assertThat(registry.get("parley.quota.charged.messages").tag("platform", "telegram").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("parley.quota.charged.tokens").tag("platform", "telegram").counter().count())
                .isEqualTo(150);
        assertThat(registry.getMeters()).as("one series each").hasSize(3)
                .flatExtracting(meter -> meter.getId().getTags()).extracting(tag -> tag.getValue())
                .doesNotContain("alice", "bob", "chat-1", "chat-2");
    }
}
