package dev.parley.core.command;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.OTHER_GUILD;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditCommandsTest {

    private static final ScopeKey SCOPE = ScopeKey.of(GENERAL);
    private static final Instant T0 = Instant.parse("2026-11-26T10:15:30Z");

    private final FakeClock clock = new FakeClock();
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final CommandService service = CommandServiceParts.required(settings, audit, clock)
            .build();

    private String run(Author author, String text) {
        return service.handle(CommandLine.parse(text), mention(author, text));
    }

    private void record(int count, ScopeKey scope) {
        for (int i = 0; i < count; i++) {
            audit.record(new AuditEntry(T0.plusSeconds(i), scope, "admin", "terms.add", "term-" + i));
        }
    }

    @Test
    void showsTheScopesLatestEntriesNewestFirstOneLineEach() {
        audit.record(new AuditEntry(T0, SCOPE, "admin", "terms.add", "spoiler"));
        audit.record(new AuditEntry(T0.plusSeconds(5), ScopeKey.of(OTHER_GUILD), "someone", "terms.add", "elsewhere"));
        audit.record(new AuditEntry(T0.plusSeconds(60), SCOPE, "alice", "moderation.block.input",
                "category=custom rule=blocked-terms\nsha256=0011"));

        String reply = run(ADMIN, "/audit recent");

        assertThat(reply).isEqualTo("""
                Latest 2 audit entries here, newest first:
                2026-11-26 10:16:30 UTC alice moderation.block.input category=custom rule=blocked-terms sha256=0011
                2026-11-26 10:15:30 UTC admin terms.add spoiler""");
        assertThat(reply).doesNotContain("elsewhere", "someone");
    }

    @Test
    void showsTenByDefaultTheCountAskedForAndAtMostTwentyFive() {
        record(30, SCOPE);

        assertThat(run(ADMIN, "/audit recent").lines().skip(1)).hasSize(10).first().asString().endsWith("term-29");
        assertThat(run(ADMIN, "/audit recent 3").lines().skip(1)).hasSize(3);
        String capped = run(ADMIN, "/audit recent 100");
        assertThat(capped).startsWith("Latest 25 audit entries here, newest first (at most 25 at a time):");
        assertThat(capped.lines().skip(1)).hasSize(25).last().asString().endsWith("term-5");
    }

    @Test
    void cutsLongDetailsSoAPageStaysReadable() {
        audit.record(new AuditEntry(T0, SCOPE, "admin", "terms.add", "x".repeat(500)));

        String line = run(ADMIN, "/audit recent 1").lines().skip(1).findFirst().orElseThrow();

        assertThat(line).endsWith("…").contains("x".repeat(AuditCommands.MAX_DETAIL - 1)).doesNotContain("x".repeat(AuditCommands.MAX_DETAIL));
    }

    @Test
    void cutsLongDetailsByCharactersAndNeverHalvesAnEmoji() {
        String emoji = "\uD83D\uDCA3"; // one character, two UTF-16 units
        audit.record(new AuditEntry(T0, SCOPE, "admin", "terms.add", emoji.repeat(500)));

        String line = run(ADMIN, "/audit recent 1").lines().skip(1).findFirst().orElseThrow();

        assertThat(line).endsWith(emoji.repeat(AuditCommands.MAX_DETAIL - 1) + "…")
                .doesNotContain(emoji.repeat(AuditCommands.MAX_DETAIL));
    }

    @Test
    void saysSoWhenTheScopeHasNoEntries() {
        record(3, ScopeKey.of(OTHER_GUILD));

        assertThat(run(ADMIN, "/audit recent")).isEqualTo("The audit log has no entries here yet.");
    }

    @Test
    void refusesNonAdminsWithASentenceAndExplainsBadCounts() {
        record(3, SCOPE);

        assertThat(run(ALICE, "/audit recent")).isEqualTo("Only admins of this server can read its audit log.");
        assertThat(run(ADMIN, "/audit recent many")).isEqualTo("Usage: /audit recent [count 1-25]");
        assertThat(run(ADMIN, "/audit recent 0")).isEqualTo("Usage: /audit recent [count 1-25]");
        assertThat(run(ADMIN, "/audit")).isEqualTo("Usage: /audit recent [count 1-25]");
        assertThat(run(ADMIN, "/audit everything")).isEqualTo("Usage: /audit recent [count 1-25]");
    }
}
