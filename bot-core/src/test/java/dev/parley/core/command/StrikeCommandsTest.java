package dev.parley.core.command;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.access.AccessControl;
import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.moderation.Verdict;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import org.junit.jupiter.api.Test;

class StrikeCommandsTest {

    private static final ScopeKey SCOPE = ScopeKey.of(GENERAL);
    private static final Verdict.Block VIOLENCE = new Verdict.Block("lexicon", "violence", "listed term");

    private final FakeClock clock = new FakeClock();
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final AccessControl access = AccessControl.inMemory(audit, clock);
    private final CommandService service = CommandServiceParts.required(settings, audit, clock)
            .access(access)
            .build();

    private String run(Author author, String text) {
        return service.handle(CommandLine.parse(text), mention(author, text));
    }

    @Test
    void policy_anAdminSetsItAndItIsAudited() {
        assertThat(run(ADMIN, "/strikes policy")).isEqualTo("Strike policy here: 3 blocked messages within 24 h mute for 1 h.");
        assertThat(run(ADMIN, "/strikes policy 2 10m 30m"))
                .isEqualTo("Strike policy here is now: 2 blocked messages within 10 min mute for 30 min.");
        assertThat(run(ADMIN, "/strikes policy off")).isEqualTo("Strike policy here is now: strikes are counted but never mute.");
        assertThat(audit.recent(SCOPE, 5)).extracting(AuditEntry::action).containsOnly("strikes.policy");
    }

    @Test
    void policy_badInputGetsOneLine() {
        assertThat(run(ADMIN, "/strikes policy 0 1h 1h")).startsWith("Give a count from 1 to 100");
        assertThat(run(ADMIN, "/strikes policy 3 forever 1h")).startsWith("Give a count");
        assertThat(run(ADMIN, "/strikes policy 3 1h 400d")).startsWith("Give a count");
    }

    @Test
    void showAndClear_listTheStrikesAndMuteThenForgetThem() {
        for (int i = 0; i < 3; i++) {
            access.strike(mention(ALICE, "x"), VIOLENCE);
        }

        assertThat(run(ADMIN, "/strikes show alice")).startsWith("User alice has no strikes counting here")
                .contains("Muted until 2026-01-01 01:00:00 UTC: 3 blocked messages within 24 h.");
        assertThat(run(ADMIN, "/strikes clear alice")).isEqualTo("Cleared 3 strikes of user alice and lifted their mute.");
        assertThat(access.mutes().active(SCOPE, "alice")).isEmpty();
        assertThat(audit.recent(SCOPE, 1)).extracting(AuditEntry::action).containsExactly("strikes.clear");
    }

    @Test
    void show_readsADiscordMentionAsTheUsersId() {
        assertThat(run(ADMIN, "/strikes show <@!1234>")).startsWith("User 1234 has no strikes counting here");
        assertThat(run(ADMIN, "/strikes show @bob's")).startsWith("Usage: /strikes");
    }

    @Test
    void everyStrikesCommandIsRefusedToAMember() {
        assertThat(run(ALICE, "/strikes show alice")).isEqualTo("Only admins of this server can see or change strikes.");
        assertThat(run(ALICE, "/strikes clear alice")).startsWith("Only admins");
        assertThat(run(ALICE, "/strikes policy 1 1h 1h")).startsWith("Only admins");
    }
}
