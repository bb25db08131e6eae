package dev.parley.core.command;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Platform;
import dev.parley.core.dataset.DatasetFileWriter;
import dev.parley.core.dataset.DatasetRequest;
import dev.parley.core.dataset.DatasetSummary;
import dev.parley.core.dataset.Selection;
import dev.parley.core.privacy.ExportFile;
import dev.parley.core.privacy.PrivateDelivery;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetCommandsTest {

    private static final Author OPERATOR = new Author("op-1", "Olga", Set.of(), false, false);
    private static final ScopeKey GUILD = ScopeKey.of(GENERAL);

    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-06T05:00:00Z"));
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final List<DatasetRequest> requests = new ArrayList<>();
    private final List<ExportFile> sent = new ArrayList<>();
    private PrivateDelivery.Outcome deliveryOutcome = PrivateDelivery.Outcome.SENT;

    private final DatasetFileWriter writer = request -> {
        requests.add(request);
        return new DatasetFileWriter.Written(List.of(file("sft.jsonl"), file("dpo.jsonl"), file("manifest.json")),
                new DatasetSummary(request.scopes(), request.since(), request.until(), request.selection(), 5, 2, 1, 0,
                        Map.of(), 0, 0, Map.of(), Map.of(), Map.of(), null, null));
    };
    private final DatasetCommands commands = new DatasetExportSetup(writer, (platform, user, file) -> {
        if (deliveryOutcome == PrivateDelivery.Outcome.SENT) {
            sent.add(file);
        }
        return deliveryOutcome;
    }, new Operators(Map.of(Platform.DISCORD, Set.of("op-1"))), Runnable::run, Duration.ofSeconds(5))
            .commands(new AdminChanges(audit, clock));

    private static ExportFile file(String name) {
        return new ExportFile(name, "{}\n".getBytes(StandardCharsets.UTF_8), name);
    }

    private String run(Author author, String text) {
        InboundMessage message = message(GENERAL, author, text, true);
        return commands.handle(CommandLine.parse(text), message);
    }

    @Test
    void export_byAServerAdminWhoIsNoOperator_isRefusedAndWritesNothing() {
        assertThat(run(ADMIN, "/dataset export")).isEqualTo(DatasetCommands.REFUSED);
        assertThat(requests).isEmpty();
        assertThat(sent).isEmpty();
    }

    @Test
    void export_byAnOperator_sendsTheThreeFilesPrivatelyAndAudits() {
        String answer = run(OPERATOR, "/dataset export since 2026-11-01 unrated");

        assertThat(answer).startsWith("I sent you privately the dataset of discord:guild-1: 2 examples and 1"
                + " preference pairs from 5 exchanges");
        assertThat(requests).containsExactly(new DatasetRequest(List.of(GUILD), Instant.parse("2026-11-01T00:00:00Z"),
                clock.instant(), Selection.NO_THUMBS_DOWN));
        assertThat(sent).extracting(ExportFile::name).containsExactly("sft.jsonl", "dpo.jsonl", "manifest.json");
        assertThat(audit.recent(GUILD, 5)).extracting(AuditEntry::action).containsExactly("dataset.export");
    }

    @Test
    void export_ofNamedScopes_exportsThoseInsteadOfThisServer() {
        run(OPERATOR, "/dataset export telegram:-100 discord:42 until 2026-12-01T12:00:00Z");

        assertThat(requests.getFirst().scopes()).containsExactly(new ScopeKey(Platform.TELEGRAM, "-100"),
                new ScopeKey(Platform.DISCORD, "42"));
        assertThat(requests.getFirst().until()).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
    }

    @Test
    void export_whenTheOperatorRefusesDirectMessages_saysSoAndAuditsTheFailure() {
        deliveryOutcome = PrivateDelivery.Outcome.NO_PRIVATE_CHAT;

        assertThat(run(OPERATOR, "/dataset export")).startsWith("I cannot send you a direct message");
        assertThat(audit.recent(GUILD, 5)).extracting(AuditEntry::action).containsExactly("dataset.export.failed");
    }

    @Test
    void export_withBadInput_answersInOneLine() {
        assertThat(run(OPERATOR, "/dataset export since yesterday")).isEqualTo(
                "since must be a date such as 2026-11-01 or a UTC time such as 2026-11-01T12:00:00Z, was \"yesterday\".");
        assertThat(run(OPERATOR, "/dataset export slack:1")).startsWith("Unexpected \"slack:1\"");
        assertThat(run(OPERATOR, "/dataset export since 2027-01-01")).startsWith("since (2027-01-01T00:00:00Z) must be"
                + " before now");
        assertThat(run(OPERATOR, "/dataset")).isEqualTo(DatasetCommands.USAGE);
        assertThat(requests).isEmpty();
    }
}
