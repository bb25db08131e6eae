package dev.parley.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Platform;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryAuditLogTest {

    private static final ScopeKey GUILD = new ScopeKey(Platform.DISCORD, "g1");
    private static final ScopeKey CHAT = new ScopeKey(Platform.TELEGRAM, "g1");

    private final InMemoryAuditLog log = new InMemoryAuditLog();

    private static AuditEntry entry(ScopeKey scope, String action, int second) {
        return new AuditEntry(Instant.ofEpochSecond(second), scope, "admin", action, "");
    }

    @Test
    void returnsTheNewestEntriesOfAScopeFirstUpToTheLimit() {
        log.record(entry(GUILD, "terms.add", 1));
        log.record(entry(CHAT, "terms.add", 2));
        log.record(entry(GUILD, "terms.remove", 3));
        log.record(entry(GUILD, "moderation.block.input", 4));

        assertThat(log.recent(GUILD, 2)).extracting(AuditEntry::action)
                .containsExactly("moderation.block.input", "terms.remove");
        assertThat(log.recent(CHAT, 10)).extracting(AuditEntry::action).containsExactly("terms.add");
    }

    @Test
    void returnsNothingForAScopeWithoutEntries() {
        log.record(entry(GUILD, "terms.add", 1));

        assertThat(log.recent(new ScopeKey(Platform.CONSOLE, "local"), 10)).isEmpty();
    }
}
